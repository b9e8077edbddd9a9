/// Bad input: a file that cannot be read or does not describe a valid run.
///
/// The message names the file, the line and column when known, and the field path
/// (`models[1].params.rating_damping`), so the user can go straight to the mistake.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file at fault.
    public let file: String
    /// One-based line, when known.
    public let line: Int?
    /// One-based column, when known.
    public let column: Int?
    /// The field path, when the fault is in one field.
    public let field: String?
    /// What is wrong, and what would be right.
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column: field 'a.b': message`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        let fieldPart = field.map { "field '\($0)': " } ?? ""
        return "\(location): \(fieldPart)\(message)"
    }
}

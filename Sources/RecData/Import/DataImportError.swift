/// A data file that cannot be read or written — a RecBole atomic file, a MovieLens file, a
/// TREC qrels or run file — naming the file, the line and the field at fault.
public struct DataImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public let file: String
    /// One-based line, when the fault is on one line.
    public let line: Int?
    /// The field (column) at fault, when the fault is in one field.
    public let field: String?
    /// What is wrong, and what would be right.
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: field 'name': message`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(field.map { "field '\($0)': " } ?? "")\(message)"
    }
}

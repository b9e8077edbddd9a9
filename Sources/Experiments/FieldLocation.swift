/// Where a field of a scenario file sits, kept for faults that show only once the data is
/// read (a K sweep that leaves no user a query set).
public struct FieldLocation: Hashable, Sendable {
    /// The file.
    public let file: String
    /// One-based line, when known.
    public let line: Int?
    /// One-based column, when known.
    public let column: Int?
    /// The field path (`protocols.cold_start.shots`).
    public let field: String

    /// An input error about this field.
    public func error(_ message: String) -> InputError {
        InputError(file: file, line: line, column: column, field: field, message: message)
    }
}

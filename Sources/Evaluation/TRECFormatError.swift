/// A fault in a TREC qrels or run file, naming the file and, when there is one, the line.
public struct TRECFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file at fault.
    public let file: String
    /// One-based line, when the fault is on one line.
    public let line: Int?
    /// What is wrong, and what would be right.
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}

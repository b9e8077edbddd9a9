/// A RecBole atomic file that cannot be read or written, with the file and line at fault.
public struct RecBoleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public let file: String
    /// One-based line, when the fault is on one line.
    public let line: Int?
    /// What is wrong.
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

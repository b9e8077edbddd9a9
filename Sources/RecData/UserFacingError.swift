/// An error a user of the toolkit sees: one line naming what is wrong and, when known, the
/// file, line and field at fault, with the exit code the command ends with.
///
/// Every error that reaches the command line conforms, so that one place maps errors to
/// exit codes and messages; an error that does not conform is a fault of the toolkit
/// (exit code 3).
public protocol UserFacingError: Error, CustomStringConvertible {
    /// The exit code: ``ExitCodes/badInput`` (2) for bad input, ``ExitCodes/internalFailure``
    /// (3) for a fault of the toolkit.
    var exitCode: Int32 { get }
    /// The file at fault, when the error is about one.
    var faultFile: String? { get }
    /// The one-based line of ``faultFile``, when known.
    var faultLine: Int? { get }
    /// The field path at fault, when known.
    var faultField: String? { get }
}

extension UserFacingError {
    /// Bad input, unless the error says otherwise.
    public var exitCode: Int32 { ExitCodes.badInput }
    /// None, unless the error names one.
    public var faultFile: String? { nil }
    /// None, unless the error names one.
    public var faultLine: Int? { nil }
    /// None, unless the error names one.
    public var faultField: String? { nil }
}

/// The toolkit's exit codes.
public enum ExitCodes {
    /// Everything worked.
    public static let success: Int32 = 0
    /// A cell failed, a comparison found a regression, or a protocol evaluated nobody.
    public static let failure: Int32 = 1
    /// Usage errors, invalid or unreadable input, and paths that cannot be written.
    public static let badInput: Int32 = 2
    /// A fault of the toolkit itself.
    public static let internalFailure: Int32 = 3
    /// Interrupted by Ctrl-C (a partial report was written).
    public static let interrupted: Int32 = 130
}

extension DataImportError: UserFacingError {
    public var faultFile: String? { file }
    public var faultLine: Int? { line }
    public var faultField: String? { field }
}

import RecData

/// A dataset calibration cannot fit a world to.
public struct CalibrationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The dataset's name.
    public let dataset: String
    /// What is wrong with it.
    public let message: String

    /// Creates an error.
    public init(dataset: String, message: String) {
        self.dataset = dataset
        self.message = message
    }

    /// `dataset: message`.
    public var description: String { "\(dataset): \(message)" }
}

extension CalibrationError: UserFacingError {}

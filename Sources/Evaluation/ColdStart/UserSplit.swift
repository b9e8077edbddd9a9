import RecData

/// The shares of users assigned to meta-training, validation and test.
public struct SplitFractions: Hashable, Sendable {
    /// Share of users whose full histories train the models.
    public var train: Double
    /// Share of users used for tuning and early stopping.
    public var validation: Double
    /// Share of users the reported figures are measured on.
    public var test: Double

    /// Creates fractions; they should sum to 1.
    public init(train: Double, validation: Double, test: Double) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}

/// A seeded partition of users into meta-train, validation and test.
public struct UserSplit: Hashable, Sendable {
    /// Users whose histories models may train on.
    public let train: [UserID]
    /// Users for tuning and early stopping.
    public let validation: [UserID]
    /// Users the figures are measured on.
    public let test: [UserID]

    /// Shuffles the `userCount` users with `random` and cuts the order by `fractions`.
    /// Each part is returned in ascending id order.
    public init(userCount: Int, fractions: SplitFractions, random: RandomSource) {
        var generator = random
        var order = (0..<userCount).map(UserID.init(index:))
        generator.shuffle(&order)
        let total = fractions.train + fractions.validation + fractions.test
        let trainEnd = Int((Double(userCount) * fractions.train / total).rounded())
        let validationEnd = min(userCount, trainEnd + Int((Double(userCount) * fractions.validation / total).rounded()))
        self.train = order[..<trainEnd].sorted()
        self.validation = order[trainEnd..<validationEnd].sorted()
        self.test = order[validationEnd...].sorted()
    }
}

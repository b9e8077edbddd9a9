/// The true distribution of a user's feedback on one item at one moment, as the oracle
/// knows it. Fields a family does not have are `nil`.
public struct FeedbackDistribution: Hashable, Sendable {
    /// The true utility.
    public let utility: Double
    /// Probability that the user picks the item when it is shown alone at the top of a
    /// slate (against the no-choice option).
    public let soloChoice: Double
    /// E-commerce: probability that a click becomes a purchase.
    public let purchase: Double?
    /// E-commerce: probability that a purchase is rated.
    public let ratingGiven: Double?
    /// E-commerce: probabilities of ratings 1…5 for a rated purchase.
    public let ratings: [Double]?
    /// Video: mean of the logit-normal watch fraction's log-odds.
    public let watchLocation: Double?
    /// Video: standard deviation of the watch fraction's log-odds.
    public let watchSpread: Double?
    /// Video: the expected fraction watched.
    public let expectedWatchFraction: Double?
    /// Video: probability of a like after a watch.
    public let like: Double?
    /// Probability that a choice of the item becomes a dataset interaction.
    public let datasetProbability: Double
    /// Expected dataset value of the item, given that it becomes a dataset interaction
    /// (expected rating, expected watch fraction, or 1).
    public let expectedValue: Double

    /// Creates a distribution.
    public init(
        utility: Double, soloChoice: Double, purchase: Double? = nil, ratingGiven: Double? = nil,
        ratings: [Double]? = nil,
        watchLocation: Double? = nil, watchSpread: Double? = nil, expectedWatchFraction: Double? = nil,
        like: Double? = nil,
        datasetProbability: Double, expectedValue: Double
    ) {
        self.utility = utility
        self.soloChoice = soloChoice
        self.purchase = purchase
        self.ratingGiven = ratingGiven
        self.ratings = ratings
        self.watchLocation = watchLocation
        self.watchSpread = watchSpread
        self.expectedWatchFraction = expectedWatchFraction
        self.like = like
        self.datasetProbability = datasetProbability
        self.expectedValue = expectedValue
    }
}

/// A world's own statistics: size, activity, popularity, feedback and how much of
/// the truth observable features explain. Written as `summary.json` by
/// `metarec simulate`.
public struct WorldSummary: Hashable, Sendable, Codable {
    /// How many interactions users log.
    public struct Activity: Hashable, Sendable, Codable {
        /// Mean interactions per user.
        public let mean: Double
        /// Median interactions per user.
        public let median: Double
        /// 90th percentile.
        public let p90: Double
        /// 99th percentile.
        public let p99: Double
        /// Fewest interactions of any user.
        public let minimum: Double
        /// Most interactions of any user.
        public let maximum: Double
        /// Gini coefficient of interactions per user.
        public let gini: Double
    }

    /// How concentrated interactions are on items.
    public struct Popularity: Hashable, Sendable, Codable {
        /// Gini coefficient of interactions per item.
        public let gini: Double
        /// Fitted rank-frequency exponent α (count ∝ rank^−α) over the ranks in ``fitRanks``.
        public let powerLawExponent: Double
        /// The ranks the exponent was fitted over.
        public let fitRanks: [Int]
        /// Share of interactions on the top 1 % of items.
        public let topPercentShare: Double
        /// Items with at least one interaction.
        public let itemsWithInteractions: Int
    }

    /// How much of the truth observable features explain (adjusted R², in `[0, 1]`).
    public struct FeatureShare: Hashable, Sendable, Codable {
        /// Share of the variance of users' preference vectors (before drift) explained
        /// by their demographic profile.
        public let users: Double
        /// Share of the variance of utility over random user–item pairs (at time 0, at
        /// most 100 000)
        /// explained by the user's demographic profile and the item's group (category,
        /// primary genre or topic) together.
        public let utility: Double
    }

    /// A shift, without its list of users.
    public struct Shift: Hashable, Sendable, Codable {
        /// What kind of shift.
        public let kind: ShiftEvent.Kind
        /// When it starts, in clock seconds.
        public let start: Int64
        /// When it ends, in clock seconds.
        public let end: Int64
        /// The group it concerns, for group-level shifts.
        public let group: Int?
        /// Number of users concerned (sudden switches).
        public let users: Int
        /// Its strength in the process's own units.
        public let magnitude: Double
        /// A one-line description.
        public let summary: String
    }

    /// The world's family.
    public let family: WorldFamily
    /// Number of users.
    public let users: Int
    /// Number of items.
    public let items: Int
    /// Interactions in the dataset.
    public let interactions: Int
    /// Logged choices, in and out of the dataset.
    public let loggedChoices: Int
    /// Slates the logging policy showed.
    public let slatesShown: Int
    /// Share of slates on which nothing was chosen.
    public let noChoiceShare: Double
    /// Users who logged fewer interactions than they aimed for.
    public let usersShort: Int
    /// The simulated period in days.
    public let days: Double
    /// Dataset interactions per user.
    public let activity: Activity
    /// Interactions per item.
    public let popularity: Popularity
    /// Histograms of feedback over logged choices: name → label → count.
    public let feedback: [String: [String: Int]]
    /// What observable features explain.
    public let featureShare: FeatureShare
    /// The recorded shifts, in start order.
    public let shifts: [Shift]
}

/// The knobs of an e-commerce world.
///
/// Every default is the value a scenario file gets when it leaves the key out; the
/// scenario reference in the README lists them beside their keys.
public struct EcommerceWorldConfig: Hashable, Sendable {
    /// Number of users (`world.users`).
    public var users: Int = 1000
    /// Number of items in the catalog (`world.items`).
    public var items: Int = 500
    /// Number of product categories (`world.categories`).
    public var categories: Int = 10
    /// Dimension of the hidden user and item vectors (`world.latent_dimension`).
    public var latentDimension: Int = 8
    /// Mean number of logged interactions per user (`world.interactions_per_user`);
    /// activity is geometric above a floor of ``minimumInteractions``.
    public var interactionsPerUser: Int = 40
    /// Fewest interactions any user logs (`world.min_interactions_per_user`).
    public var minimumInteractions: Int = 10
    /// Exponent α of the exposure popularity power law, weight ∝ rank^−α
    /// (`world.popularity_exponent`).
    public var popularityExponent: Double = 0.8
    /// Items shown per slate by the logging policy (`world.slate_size`).
    public var slateSize: Int = 10
    /// Share of a user's preference variance explained by observable demographics,
    /// in `[0, 1]` (`world.feature_share`).
    public var featureShare: Double = 0.5
    /// Temperature of the multinomial-logit choice; lower is more decisive
    /// (`world.choice_temperature`).
    public var choiceTemperature: Double = 0.5
    /// Utility of the no-choice option of the logit (`world.no_choice_utility`).
    public var noChoiceUtility: Double = 0.5
    /// Standard deviation of the noise added to utility before it is cut into a
    /// 1–5 rating (`world.rating_noise`).
    public var ratingNoise: Double = 0.3

    /// Creates the default configuration.
    public init() {}

    /// An estimate of the memory the generated world needs, in bytes, checked before
    /// allocating so that an absurd scenario is refused instead of exhausting memory.
    public var estimatedBytes: Double {
        let interactions = Double(users) * Double(max(interactionsPerUser, minimumInteractions)) * 1.2
        let latent = Double(users + items) * Double(latentDimension) * 8
        return interactions * 24 + latent + Double(users + items) * 64
    }
}

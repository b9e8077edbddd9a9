/// The knobs every world family shares: sizes, clock, population, activity, catalog
/// basics, behaviour and drift.
///
/// Family configurations (``EcommerceWorldConfig``, ``VideoWorldConfig``,
/// ``NewsWorldConfig``) hold one of these and expose its fields directly, so
/// `config.users` works on any of them. Every default is the value a scenario file
/// gets when it leaves the key out; the scenario schema reads it from here, and
/// `docs/scenario-reference.md` lists each key with its range and default.
public struct CommonWorldConfig: Hashable, Sendable {
    // MARK: - Sizes and clock

    /// Number of users (`world.users`).
    public var users: Int = 1000
    /// Number of items in the catalog (`world.items`); for news, the
    /// number of articles published over the whole clock.
    public var items: Int = 500
    /// Dimension of the hidden user and item vectors (`world.latent_dimension`).
    public var latentDimension: Int = 8
    /// Length of the simulated period in days (`world.days`).
    public var days: Double = 60

    // MARK: - Population

    /// Number of preference archetypes users are mixtures of (`world.archetypes`).
    public var archetypes: Int = 8
    /// How sharply a user's mixture concentrates on their leading archetype: the
    /// softmax scale of the archetype logits (`world.archetype_sharpness`).
    public var archetypeSharpness: Double = 2
    /// Share of the archetype-logit variance explained by observable demographics, in
    /// `[0, 1]` (`world.feature_share`). It decides how much a model can
    /// know about a user with zero interactions; the world summary reports the
    /// resulting share of utility explained by features.
    public var featureShare: Double = 0.5
    /// Standard deviation of each user's idiosyncratic preference, added to the
    /// archetype mixture and scaled by `sqrt(1 − feature_share)`
    /// (`world.individual_noise`).
    public var individualNoise: Double = 0.3
    /// The population's mix of archetypes: one logit offset per archetype, added to every
    /// user's archetype logits (`world.archetype_mix`); empty (the default) adds none, so
    /// the mix is what the demographics and the individual draws give.
    public var archetypeMix: [Double] = []
    /// Which draw of users the world holds: 0 (the default) for the world's own users, any
    /// other number for as many fresh users from the same population — the same catalog,
    /// archetypes and demographic effects, other individuals and other behaviour (the
    /// transfer protocol's shifted population). Not a scenario key.
    public var populationDraw: UInt64 = 0

    // MARK: - Activity

    /// Mean number of dataset interactions per user (`world.interactions_per_user`).
    public var interactionsPerUser: Int = 40
    /// Fewest dataset interactions any user aims for (`world.min_interactions_per_user`).
    public var minimumInteractions: Int = 10
    /// Distribution of activity above the floor (`world.activity` and
    /// `world.activity_spread`).
    public var activity: ActivityDistribution = .lognormal(spread: 1)
    /// Mean dataset interactions per session; sessions are spread uniformly over the
    /// clock (`world.interactions_per_session`).
    public var interactionsPerSession: Int = 5

    // MARK: - Catalog basics

    /// Exponent α of the exposure popularity power law, weight ∝ rank^−α
    /// (`world.popularity_exponent`).
    public var popularityExponent: Double = 0.8
    /// Standard deviation of the item quality term added to every user's utility
    /// (`world.quality_spread`).
    public var qualitySpread: Double = 0.3
    /// Share of an item's hidden-vector variance explained by its observable features
    /// (category, genre, topic, …), in `[0, 1]` (`world.item_feature_share`).
    public var itemFeatureShare: Double = 0.6
    /// The optional dense content embedding (`world.content_embedding`).
    public var contentEmbedding: ContentEmbeddingConfig?

    // MARK: - Behaviour

    /// Items shown per slate by the logging policy (`world.slate_size`).
    public var slateSize: Int = 10
    /// The logging policy's mix (`world.logging_policy`).
    public var loggingPolicy = LoggingPolicyConfig()
    /// Temperature of the multinomial-logit choice; lower is more decisive
    /// (`world.choice_temperature`).
    public var choiceTemperature: Double = 0.5
    /// Utility of the no-choice option of the logit (`world.no_choice_utility`).
    public var noChoiceUtility: Double = 0.5
    /// Exponent η of the position bias: the item in (zero-based) position k is examined
    /// with weight (k + 1)^−η, multiplying its logit weight (`world.position_bias`;
    /// 0 switches it off). The position-based examination model of
    /// Joachims, Swaminathan & Schnabel, "Unbiased learning-to-rank with biased feedback",
    /// WSDM 2017.
    public var positionBias: Double = 0.5

    // MARK: - Drift

    /// The drift processes, applied together (`world.drift`).
    public var drift: [DriftProcess] = []

    /// Creates the default configuration.
    public init() {}
}

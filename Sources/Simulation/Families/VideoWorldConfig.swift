/// Video durations: log-normal.
public struct DurationConfig: Hashable, Sendable {
    /// Median duration in minutes (`duration.median_minutes`, default 8).
    public var medianMinutes: Double = 8
    /// Standard deviation of log-duration (`duration.spread`, default 0.8).
    public var spread: Double = 0.8

    /// Creates the default durations.
    public init() {}
}

/// How much of a video a user watches: a logit-normal fraction.
///
/// `logit(fraction) = intercept + slope·u − duration_penalty·ln(duration/median) + noise·ε`
/// with ε standard normal, so better and shorter videos are watched further.
public struct WatchConfig: Hashable, Sendable {
    /// Log-odds of the fraction at zero utility and median duration (`watch.intercept`, default 0.5).
    public var intercept: Double = 0.5
    /// Log-odds gained per unit of utility (`watch.slope`, default 1).
    public var slope: Double = 1
    /// Log-odds lost per e-fold of duration above the median (`watch.duration_penalty`, default 0.4).
    public var durationPenalty: Double = 0.4
    /// Standard deviation of the log-odds noise (`watch.noise`, default 1).
    public var noise: Double = 1

    /// Creates the default watch model.
    public init() {}
}

/// The knobs of a video world: videos with one or more genres by creators who have
/// their own popularity, with durations and production quality; users watch a
/// fraction of what they pick and sometimes like it.
@dynamicMemberLookup
public struct VideoWorldConfig: Hashable, Sendable {
    /// The knobs every family shares.
    public var common = CommonWorldConfig()

    // MARK: - Catalog

    /// Number of genres (`world.genres`, default 12).
    public var genres: Int = 12
    /// Most genres one video has; each has 1 to this many (`world.max_genres`, default 3).
    public var maxGenres: Int = 3
    /// Number of creators (`world.creators`, default 200).
    public var creators: Int = 200
    /// Exponent of the creators' popularity power law: popular creators publish more
    /// and their videos are shown more (`world.creator_popularity_exponent`, default 1).
    public var creatorPopularityExponent: Double = 1
    /// Durations (`world.duration`).
    public var duration = DurationConfig()
    /// Utility per standard deviation of production quality (`world.production_quality_weight`, default 0.2).
    public var productionQualityWeight: Double = 0.2

    // MARK: - Feedback

    /// The watch-fraction model (`world.watch`).
    public var watch = WatchConfig()
    /// Probability of a like after a watch, by utility (`world.like.intercept` and
    /// `.slope`, default σ(−2 + 1.5·u)).
    public var like = LogisticResponse(intercept: -2, slope: 1.5)
    /// What the dataset holds (`world.dataset_signal`, default watch fractions).
    public var signal: VideoSignal = .watch

    /// Creates the default configuration.
    public init() {}

    /// Reads and writes the shared knobs as if they were this config's own.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<CommonWorldConfig, Value>) -> Value {
        get { common[keyPath: keyPath] }
        set { common[keyPath: keyPath] = newValue }
    }

    /// An estimate of the memory the generated world needs, in bytes.
    public var estimatedBytes: Double {
        let loggedPerStored = signal == .like ? 5.0 : 1.0
        return common.estimatedBytes(loggedPerStored: loggedPerStored, itemFeatureBytes: 40, groups: genres)
    }
}

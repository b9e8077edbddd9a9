import RecData

/// The items of a world of any family, as the behaviour model and the oracle see them.
///
/// Family builders (``EcommerceCatalog``, ``VideoCatalog``, ``NewsCatalog``) fill it;
/// arrays that a family does not use stay empty.
struct Catalog: Sendable {
    /// Number of items.
    let count: Int
    /// Latent dimension.
    let dimension: Int
    /// Hidden item vectors, `count × dimension`: after ``quantize()``, exactly
    /// `quantumScale ×` the 8-bit ``quantized`` values.
    var vectors: [Float] = []
    /// Hidden item vectors as 8-bit multiples of ``quantumScale``, `count × dimension`.
    var quantized: [Int8] = []
    /// Time-independent utility of each item for everyone: quality plus family effects
    /// (price, creator, source).
    var staticBias: [Float] = []
    /// Exposure weight of each item under the popularity logging policy.
    var popularity: [Double] = []
    /// Drift group of each item (category, primary genre or topic).
    var group: [Int32] = []
    /// Number of drift groups.
    var groupCount: Int = 1
    /// Seasonal-demand code of each item (0 none, 1…12 the peak month); e-commerce only.
    var season: [Int8] = []
    /// Publication time of each item; news only.
    var publishTime: [Int64] = []
    /// First second each item can be shown (empty when every item always can).
    var arrival: [Int64] = []
    /// First second each item can no longer be shown (empty when none expires).
    var expiry: [Int64] = []
    /// Per-item shift of the watch-fraction log-odds (duration effect); video only.
    var watchOffset: [Float] = []
    /// The observable item table.
    var features: FeatureTable

    init(count: Int, dimension: Int) {
        self.count = count
        self.dimension = dimension
        self.features = FeatureTable(rowCount: count)
    }

    /// The step of the 8-bit item vectors: components are clipped to ±4.5 (beyond which
    /// a standard normal falls once in 150 000 draws) and rounded to 1/127 of that.
    static let quantumScale: Float = 4.5 / 127

    /// Rounds the hidden vectors to 8-bit multiples of ``quantumScale``, which then are
    /// the world's true item vectors. Eight bits per component keep a large catalog's
    /// vectors in the processor's cache, which is what makes slates fast to simulate.
    mutating func quantize() {
        quantized = vectors.map { Int8(max(-127, min(127, ($0 / Self.quantumScale).rounded()))) }
        vectors = quantized.map { Float($0) * Self.quantumScale }
    }

    /// Whether items come and go over the clock.
    var hasAvailabilityWindows: Bool { !arrival.isEmpty }

    /// Whether `item` can be shown at `time`.
    @inline(__always)
    func isAvailable(_ item: Int, at time: Int64) -> Bool {
        arrival.isEmpty || (arrival[item] <= time && time < expiry[item])
    }

    /// `item`'s availability window as the behaviour loop's tables keep it: seconds
    /// clamped to 32 bits, as clock times are; `Int32.min ..< Int32.max` when items do not
    /// come and go.
    func clampedWindow(of item: Int) -> (arrival: Int32, expiry: Int32) {
        guard hasAvailabilityWindows else { return (.min, .max) }
        return (Int32(clamping: arrival[item]), Int32(clamping: expiry[item]))
    }

    /// The per-item arrays in the order the behaviour loop keeps them, without the feature
    /// table, and the item id at each position: news articles in publication order (their
    /// ids), so that the articles alive at one moment sit together in memory; other
    /// catalogs by popularity (``rankedByPopularity()``).
    func orderedForBehaviour() -> (catalog: Catalog, itemOfRank: [Int]) {
        guard !publishTime.isEmpty else { return rankedByPopularity() }
        var ordered = self
        ordered.features = FeatureTable(rowCount: 0)
        return (ordered, Array(0..<count))
    }

    /// The per-item arrays in descending order of popularity (ties by id), without the
    /// feature table, and the item id at each rank.
    ///
    /// The behaviour loop works in this order so that the items the logging policy
    /// draws most often sit together in memory and stay in the processor's cache.
    func rankedByPopularity() -> (catalog: Catalog, itemOfRank: [Int]) {
        let order = popularity.indices.sorted {
            popularity[$0] != popularity[$1] ? popularity[$0] > popularity[$1] : $0 < $1
        }
        func permute<T>(_ values: [T], width: Int = 1) -> [T] {
            guard !values.isEmpty else { return [] }
            var result = [T]()
            result.reserveCapacity(values.count)
            for item in order { result += values[(item * width)..<((item + 1) * width)] }
            return result
        }
        var ranked = Catalog(count: count, dimension: dimension)
        ranked.features = FeatureTable(rowCount: 0)
        ranked.vectors = permute(vectors, width: dimension)
        ranked.quantized = permute(quantized, width: dimension)
        ranked.staticBias = permute(staticBias)
        ranked.popularity = permute(popularity)
        ranked.group = permute(group)
        ranked.groupCount = groupCount
        ranked.season = permute(season)
        ranked.publishTime = permute(publishTime)
        ranked.arrival = permute(arrival)
        ranked.expiry = permute(expiry)
        ranked.watchOffset = permute(watchOffset)
        return (ranked, order)
    }

    /// Applies item churn: availability windows drawn per item.
    mutating func applyChurn(_ churn: ItemChurnConfig, clock: WorldClock, random: RandomSource) {
        let windows = churn.windows(items: count, clock: clock, random: random)
        arrival = windows.arrival
        expiry = windows.expiry
    }
}

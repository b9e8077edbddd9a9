import Foundation
import RecData

/// Generates an e-commerce world: a catalog of products in categories, a population with
/// demographics, and a purchase log with 1–5 ratings.
///
/// The generative story:
/// - each category has a centroid in latent space; an item's hidden vector is its
///   category's centroid plus individual variation, and it has a quality term;
/// - each demographic value has an effect vector; a user's hidden preference mixes
///   the effects of their demographics (share ``EcommerceWorldConfig/featureShare`` of
///   the variance) with an individual part;
/// - the logging policy shows slates drawn from a power-law popularity exposure, and the
///   user picks one item, or nothing, by a multinomial logit over utilities;
/// - a purchase is rated by cutting noisy utility at fixed ordinal thresholds.
///
/// Users are generated from their own random streams, so the world does not depend on
/// the order in which users are produced.
public struct EcommerceWorldGenerator: Sendable {
    /// The world's configuration.
    public let config: EcommerceWorldConfig

    /// Demographic features of users and the number of values each takes.
    public static let demographics: [(name: String, cardinality: Int)] = [
        ("age_band", 6), ("gender", 3), ("region", 8), ("device", 3),
    ]

    /// Ordinal thresholds on noisy utility separating ratings 1|2, 2|3, 3|4 and 4|5.
    public static let ratingThresholds: [Double] = [-1.0, -0.3, 0.3, 1.0]

    /// Creates a generator.
    public init(config: EcommerceWorldConfig) {
        self.config = config
    }

    /// Generates the world for `seed`.
    public func generate(seed: UInt64) -> World {
        let root = RandomSource(seed: seed).stream("ecommerce-world")
        let catalog = makeCatalog(random: root.stream("catalog"))
        let population = makePopulation(random: root.stream("population"))
        let oracle = Oracle(
            userVectors: population.vectors,
            itemVectors: catalog.vectors,
            itemQuality: catalog.quality,
            dimension: config.latentDimension
        )
        let exposure = AliasTable(weights: catalog.exposureWeights)
        let behaviour = root.stream("behaviour")
        var interactions = [Interaction]()
        interactions.reserveCapacity(config.users * config.interactionsPerUser)
        for user in 0..<config.users {
            var random = behaviour.stream(UInt64(user))
            interactions += logSessions(of: user, oracle: oracle, exposure: exposure, random: &random)
        }
        let dataset = Dataset(
            name: "ecommerce",
            users: population.features,
            items: catalog.features,
            interactions: interactions,
            feedback: .rating(minimum: 1, maximum: 5)
        )
        return World(family: .ecommerce, dataset: dataset, oracle: oracle)
    }

    // MARK: - Catalog

    private struct Catalog {
        var features: FeatureTable
        var vectors: [Double]
        var quality: [Double]
        var exposureWeights: [Double]
    }

    private func makeCatalog(random source: RandomSource) -> Catalog {
        var random = source
        let dimension = config.latentDimension
        let centroids = (0..<(config.categories * dimension)).map { _ in random.nextGaussian() }
        var categories = [Int32]()
        var vectors = [Double]()
        var quality = [Double]()
        categories.reserveCapacity(config.items)
        vectors.reserveCapacity(config.items * dimension)
        for _ in 0..<config.items {
            let category = random.nextIndex(below: config.categories)
            categories.append(Int32(category))
            for d in 0..<dimension {
                vectors.append(0.8 * centroids[category * dimension + d] + 0.6 * random.nextGaussian())
            }
            quality.append(0.3 * random.nextGaussian())
        }
        var ranks = Array(1...config.items)
        random.shuffle(&ranks)
        let weights = ranks.map { pow(Double($0), -config.popularityExponent) }
        var features = FeatureTable(rowCount: config.items)
        features.append("category", .categorical(categories, cardinality: config.categories))
        return Catalog(features: features, vectors: vectors, quality: quality, exposureWeights: weights)
    }

    // MARK: - Population

    private struct Population {
        var features: FeatureTable
        var vectors: [Double]
    }

    private func makePopulation(random source: RandomSource) -> Population {
        var random = source.stream("effects")
        let dimension = config.latentDimension
        let fieldScale = 1 / Double(Self.demographics.count).squareRoot()
        let effects = Self.demographics.map { field in
            (0..<(field.cardinality * dimension)).map { _ in fieldScale * random.nextGaussian() }
        }
        let explained = config.featureShare.squareRoot()
        let individual = (1 - config.featureShare).squareRoot()
        var codes = Array(repeating: [Int32](), count: Self.demographics.count)
        var vectors = [Double]()
        vectors.reserveCapacity(config.users * dimension)
        for user in 0..<config.users {
            var userRandom = source.stream(UInt64(user))
            let values = Self.demographics.map { userRandom.nextIndex(below: $0.cardinality) }
            for (field, value) in values.enumerated() {
                codes[field].append(Int32(value))
            }
            for d in 0..<dimension {
                var demographic = 0.0
                for (field, value) in values.enumerated() {
                    demographic += effects[field][value * dimension + d]
                }
                vectors.append(explained * demographic + individual * userRandom.nextGaussian())
            }
        }
        var features = FeatureTable(rowCount: config.users)
        for (field, column) in zip(Self.demographics, codes) {
            features.append(field.name, .categorical(column, cardinality: field.cardinality))
        }
        return Population(features: features, vectors: vectors)
    }

    // MARK: - Behaviour

    private func activity(random: inout RandomSource) -> Int {
        let extra = Double(max(config.interactionsPerUser - config.minimumInteractions, 0))
        var count = config.minimumInteractions
        if extra > 0 {
            let p = 1 / (extra + 1)
            count += Int(log(1 - random.nextUnit()) / log(1 - p))
        }
        return min(count, config.items / 2)
    }

    private func logSessions(of user: Int, oracle: Oracle, exposure: AliasTable, random: inout RandomSource) -> [Interaction] {
        let wanted = activity(random: &random)
        var consumed = Set<Int>()
        var log = [Interaction]()
        log.reserveCapacity(wanted)
        var time = Int64(random.nextIndex(below: 1000))
        var attempts = 0
        let temperature = config.choiceTemperature
        var slate = [Int]()
        var weights = [Double]()
        while log.count < wanted, attempts < wanted * 50 {
            attempts += 1
            time += 1 + Int64(random.nextIndex(below: 3))
            slate.removeAll(keepingCapacity: true)
            var draws = 0
            while slate.count < config.slateSize, draws < config.slateSize * 20 {
                draws += 1
                let item = exposure.sample(using: &random)
                if !consumed.contains(item), !slate.contains(item) { slate.append(item) }
            }
            guard !slate.isEmpty else { break }
            weights = slate.map { exp(oracle.utility(user: user, item: $0) / temperature) }
            let none = exp(config.noChoiceUtility / temperature)
            var pick = random.nextUnit() * (weights.reduce(0, +) + none)
            guard let position = weights.firstIndex(where: { pick -= $0; return pick < 0 }) else { continue }
            let item = slate[position]
            consumed.insert(item)
            let noisy = oracle.utility(user: user, item: item) + config.ratingNoise * random.nextGaussian()
            log.append(Interaction(user: UserID(index: user), item: ItemID(index: item), time: time, value: Self.rating(for: noisy)))
        }
        return log
    }

    /// The 1–5 rating that noisy utility `value` falls into.
    public static func rating(for value: Double) -> Float {
        Float(1 + ratingThresholds.filter { value >= $0 }.count)
    }
}

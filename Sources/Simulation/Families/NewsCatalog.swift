import Foundation
import RecData

/// Builds a news catalog.
///
/// - Articles are published at uniform times from one lifetime before the clock starts
///   until it ends, so some are live at every moment; item ids follow publication order.
/// - Each article expires `lifetime_hours` after publication.
/// - Its hidden vector mixes its topic's centroid (eight tenths of the explained
///   variance) with its source's slant (two tenths); the source's credibility adds to
///   utility, and freshness (see ``NewsWorldConfig``) decays with age.
///
/// Features: `topic`, `source`, `publish_time` (clock seconds), and
/// `content_embedding` when configured.
enum NewsCatalog {
    static func build(config: NewsWorldConfig, clock: WorldClock, random: RandomSource) -> Catalog {
        let dimension = config.latentDimension
        let items = config.items
        var shared = random.stream("structure")
        let topicCentroids = CatalogBasics.gaussianRows(config.topics, dimension: dimension, random: &shared)
        let sourceSlants = CatalogBasics.gaussianRows(config.sources, dimension: dimension, random: &shared)
        let credibility = (0..<config.sources).map { _ in 0.5 * config.qualitySpread * shared.nextGaussian() }
        let lifetime = max(1, WorldClock.seconds(hours: config.lifetimeHours))
        var timeRandom = random.stream("publication")
        let span = Double(clock.duration + lifetime)
        let publish = (0..<items).map { _ in Int64(timeRandom.nextUnit() * span) - lifetime }.sorted()

        var catalog = Catalog(count: items, dimension: dimension)
        var topics = [Int32]()
        var sources = [Int32]()
        catalog.vectors.reserveCapacity(items * dimension)
        let topicShare = Float(0.8.squareRoot())
        let sourceShare = Float(0.2.squareRoot())
        var itemRandom = random.stream("items")
        for _ in 0..<items {
            let topic = itemRandom.nextIndex(below: config.topics)
            let source = itemRandom.nextIndex(below: config.sources)
            let structured = (0..<dimension).map { d in
                topicShare * topicCentroids[topic * dimension + d] + sourceShare * sourceSlants[source * dimension + d]
            }
            CatalogBasics.appendVector(
                structured: structured, share: config.itemFeatureShare, to: &catalog.vectors, random: &itemRandom)
            catalog.staticBias.append(Float(config.qualitySpread * itemRandom.nextGaussian() + credibility[source]))
            topics.append(Int32(topic))
            sources.append(Int32(source))
        }
        var rankRandom = random.stream("popularity")
        catalog.popularity = CatalogBasics.powerLawWeights(
            ranks: CatalogBasics.shuffledRanks(items, random: &rankRandom), exponent: config.popularityExponent
        )
        catalog.group = topics
        catalog.groupCount = config.topics
        catalog.publishTime = publish
        catalog.arrival = publish
        catalog.expiry = publish.map { $0 + lifetime }
        catalog.features.append("topic", .categorical(topics, cardinality: config.topics))
        catalog.features.append("source", .categorical(sources, cardinality: config.sources))
        catalog.features.append("publish_time", .numeric(publish.map(Float.init)))
        if let embedding = config.contentEmbedding {
            catalog.features.append(
                "content_embedding",
                CatalogBasics.contentEmbedding(
                    vectors: catalog.vectors, count: items, dimension: dimension, config: embedding,
                    random: random.stream("embedding")
                ))
        }
        return catalog
    }
}

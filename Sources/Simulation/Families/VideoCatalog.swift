import Foundation
import RecData

/// Builds a video catalog.
///
/// - Creators have a power-law popularity; each video's creator is drawn by it, so
///   popular creators publish more, and videos are ranked for exposure by their
///   creator's popularity plus noise before the item power law is applied.
/// - Each creator has a home genre and a style; a video has 1 to `max_genres` genres
///   (the first is the creator's home genre seven times in ten) and its hidden vector
///   mixes its genres' centroids (six tenths of the explained variance) with its
///   creator's style (four tenths).
/// - Duration is log-normal; longer videos are watched less far. Production quality
///   (observable, in `0...1`) and the creator's own quality add to utility.
///
/// Features: `genres` (multi-valued), `creator`, `duration` (minutes),
/// `production_quality`, and `content_embedding` when configured.
enum VideoCatalog {
    static func build(config: VideoWorldConfig, random: RandomSource) -> Catalog {
        let dimension = config.latentDimension
        let items = config.items
        var shared = random.stream("structure")
        let genreCentroids = CatalogBasics.gaussianRows(config.genres, dimension: dimension, random: &shared)
        let creatorStyles = CatalogBasics.gaussianRows(config.creators, dimension: dimension, random: &shared)
        let creatorHome = (0..<config.creators).map { _ in shared.nextIndex(below: config.genres) }
        let creatorQuality = (0..<config.creators).map { _ in 0.5 * config.qualitySpread * shared.nextGaussian() }
        let creatorWeights = CatalogBasics.powerLawWeights(
            ranks: CatalogBasics.shuffledRanks(config.creators, random: &shared),
            exponent: config.creatorPopularityExponent
        )
        let creatorTable = AliasTable(weights: creatorWeights)

        var catalog = Catalog(count: items, dimension: dimension)
        var genres = [[Int32]]()
        var creators = [Int32]()
        var durations = [Float]()
        var production = [Float]()
        var exposureScore = [Double]()
        catalog.vectors.reserveCapacity(items * dimension)
        let genreShare = Float(0.6.squareRoot())
        let creatorShare = Float(0.4.squareRoot())
        var itemRandom = random.stream("items")
        for _ in 0..<items {
            let creator = creatorTable.sample(using: &itemRandom)
            let count = 1 + itemRandom.nextIndex(below: min(config.maxGenres, config.genres))
            var itemGenres = [
                itemRandom.nextUnit() < 0.7 ? creatorHome[creator] : itemRandom.nextIndex(below: config.genres)
            ]
            while itemGenres.count < count {
                let genre = itemRandom.nextIndex(below: config.genres)
                if !itemGenres.contains(genre) { itemGenres.append(genre) }
            }
            let genreScale = 1 / Float(itemGenres.count).squareRoot()
            let structured = (0..<dimension).map { d in
                genreShare * genreScale * itemGenres.reduce(Float(0)) { $0 + genreCentroids[$1 * dimension + d] }
                    + creatorShare * creatorStyles[creator * dimension + d]
            }
            CatalogBasics.appendVector(
                structured: structured, share: config.itemFeatureShare, to: &catalog.vectors, random: &itemRandom)
            let logDuration = config.duration.spread * itemRandom.nextGaussian()
            let productionScore = itemRandom.nextGaussian()
            let quality = config.qualitySpread * itemRandom.nextGaussian()
            catalog.staticBias.append(
                Float(quality + creatorQuality[creator] + config.productionQualityWeight * productionScore))
            catalog.watchOffset.append(Float(-config.watch.durationPenalty * logDuration))
            genres.append(itemGenres.map(Int32.init))
            creators.append(Int32(creator))
            durations.append(Float(config.duration.medianMinutes * exp(logDuration)))
            production.append(Float(1 / (1 + exp(-productionScore))))
            exposureScore.append(log(creatorWeights[creator]) + itemRandom.nextGaussian())
        }
        catalog.popularity = CatalogBasics.powerLawWeights(
            ranks: CatalogBasics.ranks(byDescending: exposureScore), exponent: config.popularityExponent
        )
        catalog.group = genres.map { $0[0] }
        catalog.groupCount = config.genres
        catalog.features.append("genres", .multiValued(genres, cardinality: config.genres))
        catalog.features.append("creator", .categorical(creators, cardinality: config.creators))
        catalog.features.append("duration", .numeric(durations))
        catalog.features.append("production_quality", .numeric(production))
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

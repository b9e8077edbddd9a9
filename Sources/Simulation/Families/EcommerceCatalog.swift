import Foundation
import RecData

/// Builds an e-commerce catalog.
///
/// - A product's hidden vector mixes its category's centroid (half of the explained
///   variance), its sub-category's (three tenths) and its brand's (a fifth) with noise.
/// - Price is log-normal within the category, correlated with quality; paying more than
///   the category's median costs utility.
/// - A share of products have a seasonal peak month (feature `season`, 0 for none).
/// - Exposure popularity follows the power law over a random order of products.
///
/// Features: `category`, `subcategory` (global code), `brand`, `price`, `season`, and
/// `content_embedding` when configured.
enum EcommerceCatalog {
    static func build(config: EcommerceWorldConfig, random: RandomSource) -> Catalog {
        let dimension = config.latentDimension
        let items = config.items
        var shared = random.stream("structure")
        let categoryCentroids = CatalogBasics.gaussianRows(config.categories, dimension: dimension, random: &shared)
        let subcategoryCentroids = CatalogBasics.gaussianRows(
            config.categories * config.subcategories, dimension: dimension, random: &shared)
        let brandVectors = CatalogBasics.gaussianRows(config.brands, dimension: dimension, random: &shared)
        let categoryLogMedian = (0..<config.categories).map { _ in
            log(config.price.median) + config.price.categorySpread * shared.nextGaussian()
        }

        var catalog = Catalog(count: items, dimension: dimension)
        var categories = [Int32]()
        var subcategories = [Int32]()
        var brands = [Int32]()
        var seasons = [Int32]()
        var prices = [Float]()
        catalog.vectors.reserveCapacity(items * dimension)
        let parts: (Float, Float, Float) = (Float(0.5.squareRoot()), Float(0.3.squareRoot()), Float(0.2.squareRoot()))
        let correlation = config.price.qualityCorrelation
        var itemRandom = random.stream("items")
        for _ in 0..<items {
            let category = itemRandom.nextIndex(below: config.categories)
            let subcategory = category * config.subcategories + itemRandom.nextIndex(below: config.subcategories)
            let brand = itemRandom.nextIndex(below: config.brands)
            let structured = (0..<dimension).map { d in
                parts.0 * categoryCentroids[category * dimension + d]
                    + parts.1 * subcategoryCentroids[subcategory * dimension + d]
                    + parts.2 * brandVectors[brand * dimension + d]
            }
            CatalogBasics.appendVector(
                structured: structured, share: config.itemFeatureShare, to: &catalog.vectors, random: &itemRandom)
            let qualityScore = itemRandom.nextGaussian()
            let priceScore =
                correlation * qualityScore + (1 - correlation * correlation).squareRoot() * itemRandom.nextGaussian()
            prices.append(Float(exp(categoryLogMedian[category] + config.price.spread * priceScore)))
            catalog.staticBias.append(
                Float(config.qualitySpread * qualityScore - config.price.sensitivity * priceScore))
            let seasonal = itemRandom.nextUnit() < config.seasonal.share
            let season = seasonal ? 1 + itemRandom.nextIndex(below: 12) : 0
            categories.append(Int32(category))
            subcategories.append(Int32(subcategory))
            brands.append(Int32(brand))
            seasons.append(Int32(season))
        }
        var rankRandom = random.stream("popularity")
        catalog.popularity = CatalogBasics.powerLawWeights(
            ranks: CatalogBasics.shuffledRanks(items, random: &rankRandom), exponent: config.popularityExponent
        )
        catalog.group = categories
        catalog.groupCount = config.categories
        catalog.season = seasons.map { Int8($0) }
        catalog.features.append("category", .categorical(categories, cardinality: config.categories))
        catalog.features.append(
            "subcategory", .categorical(subcategories, cardinality: config.categories * config.subcategories))
        catalog.features.append("brand", .categorical(brands, cardinality: config.brands))
        catalog.features.append("price", .numeric(prices))
        catalog.features.append("season", .categorical(seasons, cardinality: 13))
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

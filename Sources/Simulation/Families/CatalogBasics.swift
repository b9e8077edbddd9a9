import Foundation
import RecData

/// Building blocks shared by the family catalogs.
enum CatalogBasics {
    /// Standard-normal vectors, `count × dimension`, row-major.
    static func gaussianRows(_ count: Int, dimension: Int, random: inout RandomSource) -> [Float] {
        (0..<(count * dimension)).map { _ in Float(random.nextGaussian()) }
    }

    /// Power-law exposure weights, weight ∝ rank^−α, for items holding the given ranks (1-based).
    static func powerLawWeights(ranks: [Int], exponent: Double) -> [Double] {
        ranks.map { pow(Double($0), -exponent) }
    }

    /// Ranks `1...count` in random order.
    static func shuffledRanks(_ count: Int, random: inout RandomSource) -> [Int] {
        var ranks = Array(1...max(count, 1))
        random.shuffle(&ranks)
        return Array(ranks.prefix(count))
    }

    /// Ranks by descending `score` (rank 1 for the highest), ties broken by index.
    static func ranks(byDescending score: [Double]) -> [Int] {
        let order = score.indices.sorted { (score[$0], $1) > (score[$1], $0) }
        var ranks = [Int](repeating: 0, count: score.count)
        for (position, item) in order.enumerated() { ranks[item] = position + 1 }
        return ranks
    }

    /// An item vector: `sqrt(share)` times the structured part (which should have unit
    /// variance per component) plus `sqrt(1 − share)` times fresh noise, appended to `vectors`.
    static func appendVector(structured: [Float], share: Double, to vectors: inout [Float], random: inout RandomSource)
    {
        let explained = Float(share.squareRoot())
        let noise = Float((1 - share).squareRoot())
        for value in structured {
            vectors.append(explained * value + noise * Float(random.nextGaussian()))
        }
    }

    /// The content embedding column: a random projection of each hidden vector
    /// (entries Normal(0, 1/dimension), so projected components have about unit
    /// variance) mixed with noise so that `informativeness` of the variance is signal.
    static func contentEmbedding(
        vectors: [Float], count: Int, dimension: Int, config: ContentEmbeddingConfig, random: RandomSource
    ) -> FeatureColumn {
        var projectionRandom = random.stream("projection")
        let scale = 1 / Double(dimension).squareRoot()
        let projection = (0..<(config.dimension * dimension)).map { _ in Float(scale * projectionRandom.nextGaussian())
        }
        let signal = Float(config.informativeness.squareRoot())
        let noise = Float((1 - config.informativeness).squareRoot())
        var values = [Float]()
        values.reserveCapacity(count * config.dimension)
        var noiseRandom = random.stream("noise")
        for item in 0..<count {
            let base = item * dimension
            for component in 0..<config.dimension {
                var dot: Float = 0
                let row = component * dimension
                for d in 0..<dimension { dot += projection[row + d] * vectors[base + d] }
                values.append(signal * dot + noise * Float(noiseRandom.nextGaussian()))
            }
        }
        return .dense(values, dimension: config.dimension)
    }
}

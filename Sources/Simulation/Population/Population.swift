import Foundation
import RecData

/// One user's hidden make-up, re-derivable from their stream at any time.
struct UserProfile {
    /// Demographic codes, in ``Demographics/fields`` order.
    var demographics: [Int]
    /// Archetype logits: demographic effects and an individual part, mixed by the feature share.
    var logits: [Float]
    /// The idiosyncratic preference, already scaled.
    var idiosyncratic: [Float]
}

/// The users of a world: observable demographics and hidden preference vectors drawn
/// from a mixture of archetypes.
///
/// A user's archetype logits are `sqrt(s)·δ + sqrt(1 − s)·ξ + m`, where δ sums the effects of
/// their demographic values, ξ is individual, s is the feature share and m the
/// population's archetype mix (zero unless `archetype_mix` says). Their mixture
/// weights are the softmax of the logits times the sharpness, and their preference is
/// the weighted sum of archetype vectors (scaled to unit variance per component) plus
/// an idiosyncratic part of standard deviation `sqrt(1 − s)·individual_noise`.
struct Population: Sendable {
    let count: Int
    let dimension: Int
    let archetypeCount: Int
    /// Archetype vectors, `archetypes × dimension`.
    let archetypes: [Float]
    /// Per demographic field, `cardinality × archetypes` logit effects.
    let effects: [[Float]]
    let sharpness: Float
    /// Per archetype, the logit offset of the population's mix (empty: none).
    let mixOffsets: [Float]
    let explained: Float
    let individual: Float
    let idiosyncraticScale: Float
    /// Scale making the mixture's expected squared norm per component 1.
    private(set) var mixtureScale: Float
    /// Root of the per-user streams.
    let streams: RandomSource
    /// Preference vectors before any drift, `users × dimension`.
    private(set) var baseVectors: [Float] = []
    /// Demographic cell of each user (see ``Demographics/cell(of:)``).
    private(set) var cells: [Int32] = []
    /// The observable user table.
    private(set) var features: FeatureTable

    init(config: CommonWorldConfig, random: RandomSource, threads: Int) {
        count = config.users
        dimension = config.latentDimension
        archetypeCount = config.archetypes
        sharpness = Float(config.archetypeSharpness)
        mixOffsets = config.archetypeMix.map(Float.init)
        explained = Float(config.featureShare.squareRoot())
        individual = Float((1 - config.featureShare).squareRoot())
        idiosyncraticScale = Float((1 - config.featureShare).squareRoot() * config.individualNoise)
        var shared = random.stream("archetypes")
        archetypes = (0..<(config.archetypes * config.latentDimension)).map { _ in Float(shared.nextGaussian()) }
        let fieldScale = 1 / Double(Demographics.fields.count).squareRoot()
        effects = Demographics.fields.map { field in
            (0..<(field.cardinality * config.archetypes)).map { _ in Float(fieldScale * shared.nextGaussian()) }
        }
        streams =
            config.populationDraw == 0 ? random.stream("users") : random.stream("users").stream(config.populationDraw)
        mixtureScale = 1
        features = FeatureTable(rowCount: config.users)
        mixtureScale = Self.calibrateScale(self, random: random.stream("calibration"))
        generateUsers(threads: threads)
    }

    /// A population of fixed preference vectors without demographics or archetypes
    /// (for oracles built from given factors).
    init(baseVectors: [Float], dimension: Int) {
        count = dimension > 0 ? baseVectors.count / dimension : 0
        self.dimension = dimension
        archetypeCount = 0
        archetypes = []
        effects = []
        sharpness = 1
        mixOffsets = []
        explained = 0
        individual = 1
        idiosyncraticScale = 0
        mixtureScale = 1
        streams = RandomSource(seed: 0)
        self.baseVectors = baseVectors
        cells = Array(repeating: 0, count: count)
        features = FeatureTable(rowCount: count)
    }

    // MARK: - Profiles

    /// The profile of `user`, drawn from their own stream.
    func profile(of user: Int) -> UserProfile {
        var random = streams.stream(UInt64(user))
        let codes = Demographics.fields.map { random.nextIndex(below: $0.cardinality) }
        var logits = [Float](repeating: 0, count: archetypeCount)
        for (field, code) in codes.enumerated() {
            let row = effects[field]
            for k in 0..<archetypeCount { logits[k] += row[code * archetypeCount + k] }
        }
        for k in 0..<archetypeCount {
            logits[k] = explained * logits[k] + individual * Float(random.nextGaussian())
        }
        for (k, offset) in mixOffsets.enumerated() { logits[k] += offset }
        let idiosyncratic = (0..<dimension).map { _ in idiosyncraticScale * Float(random.nextGaussian()) }
        return UserProfile(demographics: codes, logits: logits, idiosyncratic: idiosyncratic)
    }

    /// The preference vector of a profile whose logits are `logits`.
    func preference(logits: [Float], idiosyncratic: [Float]) -> [Float] {
        var vector = mixture(logits: logits)
        for d in 0..<dimension { vector[d] += idiosyncratic[d] }
        return vector
    }

    /// The archetype mixture for `logits`, scaled.
    func mixture(logits: [Float]) -> [Float] {
        let top = logits.max() ?? 0
        var weights = logits.map { Foundation.exp(sharpness * ($0 - top)) }
        let total = weights.reduce(0, +)
        for k in weights.indices { weights[k] *= mixtureScale / total }
        var vector = [Float](repeating: 0, count: dimension)
        for k in 0..<archetypeCount {
            let weight = weights[k]
            for d in 0..<dimension { vector[d] += weight * archetypes[k * dimension + d] }
        }
        return vector
    }

    /// The user's logits after switching their leading archetype for the `choice`-th other one.
    static func switched(_ logits: [Float], to choice: Int) -> [Float] {
        guard let leader = logits.indices.max(by: { logits[$0] < logits[$1] }) else { return logits }
        let target = choice < leader ? choice : choice + 1
        var result = logits
        result.swapAt(leader, target)
        return result
    }

    // MARK: - Generation

    private static func calibrateScale(_ population: Population, random: RandomSource) -> Float {
        var random = random
        let samples = 2_000
        var total = 0.0
        for _ in 0..<samples {
            let logits = (0..<population.archetypeCount).map { _ in Float(random.nextGaussian()) }
            let vector = population.mixture(logits: logits)
            total += vector.reduce(0) { $0 + Double($1 * $1) }
        }
        let meanSquare = total / Double(samples * population.dimension)
        return meanSquare > 0 ? Float(1 / meanSquare.squareRoot()) : 1
    }

    private mutating func generateUsers(threads: Int) {
        let population = self
        let chunks = ParallelChunks.map(count: count, chunkSize: 4_096, threads: threads) { range in
            var vectors = [Float]()
            var codes = [[Int32]](repeating: [], count: Demographics.fields.count)
            var cells = [Int32]()
            vectors.reserveCapacity(range.count * population.dimension)
            for user in range {
                let profile = population.profile(of: user)
                vectors += population.preference(logits: profile.logits, idiosyncratic: profile.idiosyncratic)
                for (field, code) in profile.demographics.enumerated() { codes[field].append(Int32(code)) }
                cells.append(Int32(Demographics.cell(of: profile.demographics)))
            }
            return (vectors, codes, cells)
        }
        baseVectors.reserveCapacity(count * dimension)
        var columns = [[Int32]](repeating: [], count: Demographics.fields.count)
        cells.reserveCapacity(count)
        for (vectors, codes, userCells) in chunks {
            baseVectors += vectors
            for field in columns.indices { columns[field] += codes[field] }
            cells += userCells
        }
        for (field, column) in zip(Demographics.fields, columns) {
            features.append(field.name, .categorical(column, cardinality: field.cardinality))
        }
    }
}

import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

/// A user's dominant archetype is the heaviest component of their preference mixture.
@Suite("Dominant archetypes")
struct DominantArchetypeTests {
    @Test("each user's dominant archetype is the argmax of their mixture weights")
    func argmax() throws {
        let world = WorldConfig.ecommerce(TestWorlds.ecommerceConfig).generate(seed: 3, threads: 2)
        let population = world.oracle.model.population
        let dominant = try #require(world.oracle.dominantArchetypes())
        #expect(dominant.count == world.dataset.userCount)
        for user in 0..<population.count {
            let logits = population.profile(of: user).logits
            let weights = logits.map { exp(population.sharpness * ($0 - (logits.max() ?? 0))) }
            let heaviest = weights.indices.filter { weights[$0] == weights.max() }
            #expect(heaviest.contains(dominant[user]))
        }
        #expect(Set(dominant).count > 1)
    }

    @Test("with pure types and no individual part, the preference is the dominant archetype's vector")
    func pureTypes() throws {
        var config = TestWorlds.ecommerceConfig
        config.drift = []
        config.archetypes = 4
        config.archetypeSharpness = 1_000
        config.featureShare = 1
        let world = WorldConfig.ecommerce(config).generate(seed: 5, threads: 2)
        let population = world.oracle.model.population
        let dimension = population.dimension
        let dominant = try #require(world.oracle.dominantArchetypes())
        for user in 0..<population.count {
            let preference = population.baseVectors[(user * dimension)..<((user + 1) * dimension)]
            let closest = (0..<population.archetypeCount).max { a, b in
                cosine(preference, population.archetypes[(a * dimension)..<((a + 1) * dimension)])
                    < cosine(preference, population.archetypes[(b * dimension)..<((b + 1) * dimension)])
            }
            #expect(closest == dominant[user], "user \(user)")
        }
    }

    @Test("an oracle built from given factors has no archetypes")
    func givenFactors() {
        let oracle = Oracle(userVectors: [1, 0], itemVectors: [0, 1], itemQuality: [0], dimension: 2)
        #expect(oracle.dominantArchetypes() == nil)
    }

    private func cosine(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        var dot: Float = 0
        var normA: Float = 0
        var normB: Float = 0
        for (x, y) in zip(a, b) {
            dot += x * y
            normA += x * x
            normB += y * y
        }
        return dot / (normA * normB).squareRoot()
    }
}

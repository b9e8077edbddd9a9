import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

/// The transfer protocol's shifted population: the same world (catalog, archetypes,
/// demographic effects) with fresh users, and the archetype mix that shifts who leads.
@Suite("Shifted populations")
struct ShiftedPopulationTests {
    private static var config: EcommerceWorldConfig {
        var config = TestWorlds.ecommerceConfig
        config.drift = []
        config.archetypes = 4
        return config
    }

    private func world(_ change: (inout EcommerceWorldConfig) -> Void = { _ in }) -> World {
        var config = Self.config
        change(&config)
        return WorldConfig.ecommerce(config).generate(seed: 7, threads: 2)
    }

    @Test("Another population draw keeps the catalog and archetypes and draws other users; draw 0 is the world's own")
    func freshUsers() throws {
        let own = world()
        let again = world { $0.populationDraw = 0 }
        let fresh = world { $0.populationDraw = 1 }
        #expect(again.dataset.interactions == own.dataset.interactions, "draw 0 changes nothing")
        #expect(fresh.dataset.itemCount == own.dataset.itemCount)
        #expect(fresh.oracle.model.catalog.vectors == own.oracle.model.catalog.vectors)
        #expect(fresh.oracle.model.population.archetypes == own.oracle.model.population.archetypes)
        #expect(fresh.oracle.model.population.effects == own.oracle.model.population.effects)
        #expect(fresh.oracle.model.population.baseVectors != own.oracle.model.population.baseVectors)
        #expect(fresh.dataset.interactions != own.dataset.interactions)
    }

    @Test("A large offset for one archetype makes it lead most users; none leaves the mix as the draws give it")
    func archetypeMix() throws {
        let share = { (world: World, archetype: Int) throws -> Double in
            let dominant = try #require(world.oracle.dominantArchetypes())
            return Double(dominant.filter { $0 == archetype }.count) / Double(dominant.count)
        }
        let plain = world()
        let led = world { $0.archetypeMix = [0, 0, 6, 0] }
        #expect(try share(plain, 2) < 0.5)
        #expect(try share(led, 2) > 0.95)
        #expect(led.oracle.model.population.archetypes == plain.oracle.model.population.archetypes)
    }
}

import Recommenders
import Simulation
import Testing

@testable import Experiments

@Suite("Cell schedule")
struct CellScheduleTests {
    private let files = ScenarioFiles()

    private func scenario(name: String, users: Int) throws -> ScenarioSpec {
        var spec = try #require(
            ScenarioLoader().load(files.write("\(name).yaml", ScenarioFiles.valid(name: name))).scenarios.first)
        guard case var .ecommerce(config) = spec.world else { throw ScheduleTestError.notEcommerce }
        config.common.users = users
        spec.world = .ecommerce(config)
        return spec
    }

    private func cells(_ spec: ScenarioSpec, seeds: [UInt64], models: [String]) throws -> [SuiteCell] {
        try seeds.flatMap { seed in
            try models.map { name in
                let descriptor = try #require(ModelRegistry.builtIn.descriptor(named: name))
                return SuiteCell(
                    scenario: spec, seed: seed,
                    model: ModelSpec(label: name, descriptor: descriptor, parameters: descriptor.resolve([:])))
            }
        }
    }

    @Test("Costly worlds start first, each world's cells together, costly models first within a world")
    func longestFirst() throws {
        let small = try cells(
            scenario(name: "small", users: 100), seeds: [1], models: ["random", "maml", "popularity"])
        let large = try cells(scenario(name: "large", users: 1_000), seeds: [1, 2], models: ["random", "als", "melu"])
        let planned = small + large
        let order = CellSchedule.order(planned).map {
            "\(planned[$0].scenario.name)/\(planned[$0].seed)/\(planned[$0].model.label)"
        }
        #expect(
            order == [
                "large/1/melu", "large/1/als", "large/1/random",
                "large/2/melu", "large/2/als", "large/2/random",
                "small/1/maml", "small/1/random", "small/1/popularity",
            ])
    }

    @Test("The schedule is a permutation of the planned cells")
    func permutation() throws {
        let planned = try cells(
            scenario(name: "one", users: 200), seeds: [1, 2, 3], models: ["popularity", "bpr", "fomaml", "random"])
        #expect(CellSchedule.order(planned).sorted() == Array(planned.indices))
    }

    private enum ScheduleTestError: Error { case notEcommerce }
}

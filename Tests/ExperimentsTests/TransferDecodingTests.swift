import Foundation
import Simulation
import Testing

@testable import Experiments

@Suite("Transfer protocol decoding")
struct TransferDecodingTests {
    private let files = ScenarioFiles()

    /// A small world's scenario running the transfer protocol with `transfer` (indented lines).
    private func scenario(world: String = "", transfer: String) -> String {
        "name: t\nfamily: ecommerce\nworld:\n  users: 200\n  items: 60\n  archetypes: 3\n\(world)"
            + "protocols:\n  transfer:\n\(transfer)models: [popularity]\nmetrics: [ndcg@5]\n"
    }

    @Test(
        "The shifted world is the world with the population keys changed and a fresh draw of users; the rest is the transfer's cold-start settings"
    )
    func decodes() throws {
        let spec = try files.load(
            scenario(
                world: "  archetype_mix: [2, 0, 0]\n",
                transfer:
                    "    population: {feature_share: 0.1, archetype_mix: [0, 2, 0], users: 300}\n    shots: [0, 4]\n    min_query: 3\n"
            ))
        let transfer = try #require(spec.transfer)
        let world = try #require(spec.world)
        #expect(world.common.archetypeMix == [2, 0, 0] && world.common.populationDraw == 0)
        let shifted = transfer.shiftedWorld.common
        #expect(shifted.featureShare == 0.1 && shifted.archetypeMix == [0, 2, 0] && shifted.users == 300)
        #expect(shifted.populationDraw == TransferConfig.populationDraw && shifted.populationDraw != 0)
        var same = shifted
        same.featureShare = world.common.featureShare
        same.archetypeMix = world.common.archetypeMix
        same.users = world.common.users
        same.populationDraw = 0
        #expect(same == world.common, "nothing but the population keys changes")
        #expect(transfer.coldStart.shots == [0, 4] && transfer.coldStart.minimumQuery == 3)
        #expect(transfer.note == "users: 300, feature_share: 0.1, archetype_mix: [0, 2, 0]")
        #expect(spec.coldStart == nil, "a scenario naming transfer alone runs transfer alone")
        let unchanged = try files.load(scenario(transfer: "    population: {}\n"))
        #expect(unchanged.transfer?.note == "none changed")
    }

    @Test(
        "Bad transfer blocks name the file, line and field",
        arguments: [
            ("    population: {items: 90}\n", "protocols.transfer.population.items", "'items' is not a population key"),
            (
                "    population: {latent_dimension: 4}\n", "protocols.transfer.population.latent_dimension",
                "not a population key"
            ),
            ("    population: {feature_share: 2}\n", "protocols.transfer.population.feature_share", "out of range"),
            (
                "    population: {archetype_mix: [1, 2]}\n", "protocols.transfer.population.archetype_mix",
                "the world has 3 archetypes"
            ),
            (
                "    population: {interactions_per_user: 5, min_interactions_per_user: 8}\n",
                "protocols.transfer.population.min_interactions_per_user", "exceeds"
            ),
            ("    shots: [0, 2]\n", "protocols.transfer.population", "missing required key 'population'"),
            ("    population: {}\n    segments: [activity]\n", "protocols.transfer.segments", "unknown key 'segments'"),
        ])
    func badBlocks(transfer: String, field: String, message: String) throws {
        let error = try #require(files.loadError(scenario(transfer: transfer)))
        #expect(error.field == field, "\(error)")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.line != nil && error.file.hasSuffix(".yaml"))
    }

    @Test("A transfer block on a real dataset is refused: a log has no population to shift")
    func realDataset() throws {
        files.writeToyDataset()
        let text =
            "name: real\ndataset:\n  format: recbole\n  path: data\n  name: toy\nmodels: [popularity]\nmetrics: [ndcg@5]\n"
            + "protocols:\n  transfer:\n    population: {feature_share: 0.1}\n"
        let error = try #require(files.loadError(text))
        #expect(error.field == "protocols.transfer" && error.line == 10)
        #expect(error.message.contains("a real dataset has none to shift"))
    }

    @Test("archetype_mix in the world gives one offset per archetype")
    func worldMix() throws {
        let error = try #require(
            files.loadError(scenario(world: "  archetype_mix: [1]\n", transfer: "    population: {}\n")))
        #expect(
            error.field == "world.archetype_mix"
                && error.message.contains("gives 1 offsets; the world has 3 archetypes"))
    }
}

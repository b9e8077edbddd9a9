import Experiments
import Foundation
import Testing

/// The memory check counts the worlds alive at once, and the limit is the smallest one in
/// force (issue 18).
@Suite("Faults: memory limits")
struct MemoryFaultTests {
    private let files = ScenarioFiles()

    private func scenario(seeds: String) throws -> ScenarioSpec {
        try files.load(
            """
            name: sized
            family: ecommerce
            seeds: \(seeds)
            world: {users: 20000, items: 500, categories: 4, latent_dimension: 4, interactions_per_user: 20, min_interactions_per_user: 12}
            models: [random]
            metrics: [ndcg@10]
            """)
    }

    @Test("One world fits where the worlds that --jobs keeps alive at once do not")
    func jobsCountWorlds() throws {
        let spec = try scenario(seeds: "[1, 2, 3, 4]")
        let world = try #require(spec.world?.estimatedBytes)
        let limit = MemoryLimit(bytes: world * 5, source: "test")
        try limit.check([spec], jobs: 1)
        try limit.check([spec], jobs: 2)
        let error = #expect(throws: InputError.self) { try limit.check([spec], jobs: 4) }
        #expect(
            error?.message.contains("with --jobs 4, 4 world(s) may be alive at once") == true,
            "\(String(describing: error))")
        // --seeds 2 leaves two worlds to share four jobs.
        try limit.check([spec], jobs: 4, seedCount: 2)
    }

    @Test("The limit in force is no larger than physical memory or ulimit -v")
    func smallestLimit() {
        let limit = MemoryLimit.current
        #expect(limit.bytes <= Double(ProcessInfo.processInfo.physicalMemory))
        #expect(limit.worldBudget == limit.bytes / 2)
    }
}

import Foundation
import Simulation

/// The memory this process may use: the smallest of physical memory, the cgroup's limit
/// (a container's or a Slurm job's) and the address-space limit (`ulimit -v`).
public struct MemoryLimit: Sendable {
    /// The limit in bytes.
    public let bytes: Double
    /// What set it (`physical memory`, `cgroup limit`, `ulimit -v`), for messages.
    public let source: String

    /// Creates a limit.
    public init(bytes: Double, source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// The limit of this process.
    public static var current: MemoryLimit {
        var candidates = [(Double(ProcessInfo.processInfo.physicalMemory), "physical memory")]
        if let cgroup = cgroupLimit() { candidates.append((cgroup, "the cgroup's memory limit")) }
        if let addressSpace = addressSpaceLimit() {
            candidates.append((addressSpace, "the address-space limit (ulimit -v)"))
        }
        let smallest = candidates.min { $0.0 < $1.0 }!
        return MemoryLimit(bytes: smallest.0, source: smallest.1)
    }

    /// What the worlds alive at once may take: half the limit, leaving the rest to the
    /// models, the protocols and the results.
    public var worldBudget: Double { bytes / 2 }

    /// Checks that the largest worlds that `jobs` cells keep alive at once fit in the
    /// world budget (a cell holds its world; cells of one world share it).
    /// - Throws: ``InputError`` naming the largest scenario when they do not.
    /// `seedCount`, when set, overrides each scenario's number of seeds (`--seeds`).
    public func check(_ scenarios: [ScenarioSpec], jobs: Int, seedCount: Int? = nil) throws {
        let worlds = scenarios.flatMap { scenario in
            Array(
                repeating: (scenario, scenario.world?.estimatedBytes ?? 0),
                count: min(seedCount ?? scenario.seeds.count, max(1, jobs)))
        }.sorted { $0.1 > $1.1 }
        let alive = worlds.prefix(max(1, jobs))
        let total = alive.reduce(0) { $0 + $1.1 }
        guard total > worldBudget, let largest = alive.first else { return }
        throw InputError(
            file: largest.0.path, field: "world",
            message:
                "with --jobs \(jobs), \(alive.count) world(s) may be alive at once, needing about \(Self.gib(total)), "
                + "more than the \(Self.gib(worldBudget)) allowed (half of \(Self.gib(bytes)), \(source)); lower --jobs or the world's size"
        )
    }

    private static func gib(_ bytes: Double) -> String {
        String(format: "%.1f GiB", bytes / 1_073_741_824)
    }

    // MARK: - Sources

    /// cgroup v2's `memory.max`, or v1's `memory.limit_in_bytes`, when one is set.
    private static func cgroupLimit() -> Double? {
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            // v1 reports "no limit" as a number near 2⁶³.
            if let bytes = Double(value), bytes > 0, bytes < 1e18 { return bytes }
        }
        return nil
    }

    /// `RLIMIT_AS`, when set.
    private static func addressSpaceLimit() -> Double? {
        var limit = rlimit()
        #if os(Linux)
            let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
        #else
            let resource = RLIMIT_AS
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Double(limit.rlim_cur)
    }
}

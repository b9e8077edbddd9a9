import Evaluation
import RecData
import Simulation

/// A scenario's world for one seed, prepared for its protocols.
struct PreparedWorld: Sendable {
    /// The scenario.
    let scenario: ScenarioSpec
    /// The seed.
    let seed: UInt64
    /// The cold-start protocol on the world's dataset, when the scenario runs it.
    let coldStart: ColdStartProtocol?
    /// The drift protocol against the world, when the scenario runs it.
    let drift: DriftProtocol?
    /// The onboarding protocol in the world, when the scenario runs it.
    var onboarding: OnboardingProtocol? = nil
    /// The transfer protocol between the world's population and the shifted one, when the
    /// scenario runs it.
    var transfer: TransferProtocol? = nil
    /// The protocols that take the model the cold-start protocol fits, so that a cell fits
    /// it once for all of them; `nil` without a cold-start protocol.
    var sharedFit: SharedFit? = nil

    /// The prepared world, or an input error at the sweep when the cold-start protocol's
    /// largest K leaves no test user a query set.
    func checked() throws -> PreparedWorld {
        guard let coldStart, coldStart.evaluatedUsers.isEmpty else { return self }
        let config = coldStart.config
        let largest = config.shots.max() ?? 0
        throw scenario.shotsLocation.error(
            "the largest K (\(largest)) leaves no test user a query set: none has \(largest) + min_query \(config.minimumQuery) interactions (seed \(seed)); lower the largest K or min_query"
        )
    }
}

/// Shares each world between the cells that use it: the first cell to ask generates it,
/// the others wait for it, and it is dropped when the last of its cells is done, so memory
/// holds only the worlds of running cells.
actor WorldStore {
    private struct Key: Hashable {
        let scenario: String
        let seed: UInt64
    }

    private var pending: [Key: Task<PreparedWorld, any Error>] = [:]
    private var remainingUses: [Key: Int] = [:]

    /// Creates a store for `cells`, counting how many cells will use each world.
    init(cells: [SuiteCell]) {
        for cell in cells {
            remainingUses[Key(scenario: cell.scenario.name, seed: cell.seed), default: 0] += 1
        }
    }

    /// The world of `cell`'s scenario and seed, generated (or, for a real dataset, read) on
    /// first use.
    /// - Throws: ``DataImportError`` when a dataset's files no longer read.
    func world(for cell: SuiteCell) async throws -> PreparedWorld {
        let key = Key(scenario: cell.scenario.name, seed: cell.seed)
        if let task = pending[key] { return try await task.value }
        let scenario = cell.scenario
        let seed = cell.seed
        let task = Task {
            if let source = scenario.dataset { return try Self.prepare(source, scenario: scenario, seed: seed) }
            guard let config = scenario.world else {
                throw InputError(file: scenario.path, message: "the scenario names neither a world nor a dataset")
            }
            let world = config.generate(seed: seed)
            let protocols = RandomSource(seed: seed).stream("protocol")
            let coldStart = try scenario.coldStart.map { try Self.coldStart(on: world, config: $0, random: protocols) }
            let environment = WorldDriftEnvironment(world: world)
            let drift = scenario.drift.map { config in
                DriftProtocol(
                    dataset: world.dataset, environment: environment, config: config, random: protocols.stream("drift"))
            }
            // The source population's split draws from the cold-start protocol's source, so
            // that with the same split settings both fit the same model and one fit serves both.
            let transfer = try scenario.transfer.map { transfer in
                TransferProtocol(
                    source: try Self.coldStart(on: world, config: transfer.coldStart, random: protocols),
                    shifted: try Self.coldStart(
                        on: transfer.shiftedWorld.generate(seed: seed), config: transfer.coldStart,
                        random: protocols.stream("transfer"))
                )
            }
            let sharedFit = coldStart.map {
                SharedFit(coldStart: $0, onboarding: scenario.onboarding, transfer: transfer)
            }
            let onboarding = scenario.onboarding.map { config in
                OnboardingProtocol(
                    dataset: world.dataset, environment: environment, config: config,
                    random: protocols.stream("onboarding"), split: sharedFit?.onboardingSplit)
            }
            return try PreparedWorld(
                scenario: scenario, seed: seed, coldStart: coldStart, drift: drift, onboarding: onboarding,
                transfer: transfer, sharedFit: sharedFit
            ).checked()
        }
        pending[key] = task
        return try await task.value
    }

    /// The cold-start protocol on a simulated `world`, with its oracle, archetypes, item
    /// introductions and lifespans.
    private static func coldStart(on world: World, config: ColdStartConfig, random: RandomSource) throws
        -> ColdStartProtocol
    {
        let oracle = world.oracle
        return ColdStartProtocol(
            dataset: world.dataset, config: config, random: random,
            oracleUtility: { oracle.utilities(user: $0, items: $1, at: $2) },
            archetypes: config.segments.contains(UserSegments.archetype) ? oracle.dominantArchetypes() : nil,
            itemIntroduction: config.partitions.map { _ in
                ItemIntroduction(itemCount: world.dataset.itemCount) { oracle.introductionTime(of: $0) }
            },
            itemLifespans: try oracle.articleLifespans.map {
                try ItemLifespans(spans: $0, itemCount: world.dataset.itemCount)
            }
        )
    }

    /// A real dataset's scenario: the cold-start protocol without an oracle, the drift
    /// protocol replaying the log.
    private static func prepare(_ source: DatasetSource, scenario: ScenarioSpec, seed: UInt64) throws -> PreparedWorld {
        let dataset = try source.load().dataset
        let protocols = RandomSource(seed: seed).stream("protocol")
        return try PreparedWorld(
            scenario: scenario, seed: seed,
            coldStart: scenario.coldStart.map { ColdStartProtocol(dataset: dataset, config: $0, random: protocols) },
            drift: scenario.drift.map {
                DriftProtocol(replaying: dataset, config: $0, random: protocols.stream("drift"))
            }
        ).checked()
    }

    /// Records that `cell` no longer needs its world; the last user frees it.
    func release(_ cell: SuiteCell) {
        let key = Key(scenario: cell.scenario.name, seed: cell.seed)
        remainingUses[key, default: 1] -= 1
        if remainingUses[key] == 0 {
            pending[key] = nil
            remainingUses[key] = nil
        }
    }

    /// How many worlds are held now.
    var heldWorlds: Int { pending.count }
}

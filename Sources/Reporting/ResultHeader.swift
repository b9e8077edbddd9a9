/// Where a result set came from: versions, inputs, seeds, machine and timings.
public struct ResultHeader: Hashable, Sendable, Codable {
    /// The result format's version; readers refuse versions from the future.
    public var schemaVersion: Int
    /// The toolkit's version.
    public var toolkitVersion: String
    /// The git commit of the toolkit's working copy, when known.
    public var gitCommit: String?
    /// The suite's name (or the single scenario's).
    public var suite: String
    /// The scenario files that were run.
    public var scenarios: [ScenarioFile]
    /// The seeds that were run.
    public var seeds: [UInt64]
    /// The machine.
    public var host: Host
    /// Wall-clock figures, which vary between runs and are therefore kept out of rows.
    public var timings: Timings
    /// Versions of the native libraries that computed and wrote the results.
    public var libraries: [String: String]
    /// Every cell of the suite, whether or not this run computed it (a shard runs a share).
    public var plannedCells: [CellID]
    /// The share of the suite this run computed, as `i/n`, or `nil` for the whole suite.
    public var shard: String?
    /// Whether cells are missing: the run was interrupted, or merged shards left gaps.
    public var partial: Bool
    /// Hex SHA-256 of the `per_user.jsonl` written beside the results, so that readers can
    /// refuse a per-user file that belongs to other results; `nil` in files written before
    /// the digest was kept.
    public var perUserSHA256: String?
    /// What went wrong around the run without failing a cell (a cache that could not be
    /// written), as the reports show it; `nil` when nothing did.
    public var warnings: [String]?

    /// Creates a header.
    public init(
        schemaVersion: Int, toolkitVersion: String, gitCommit: String?, suite: String, scenarios: [ScenarioFile],
        seeds: [UInt64], host: Host, timings: Timings, libraries: [String: String],
        plannedCells: [CellID] = [], shard: String? = nil, partial: Bool = false
    ) {
        self.schemaVersion = schemaVersion
        self.toolkitVersion = toolkitVersion
        self.gitCommit = gitCommit
        self.suite = suite
        self.scenarios = scenarios
        self.seeds = seeds
        self.host = host
        self.timings = timings
        self.libraries = libraries
        self.plannedCells = plannedCells
        self.shard = shard
        self.partial = partial
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case toolkitVersion = "toolkit_version"
        case gitCommit = "git_commit"
        case suite, scenarios, seeds, host, timings, libraries
        case plannedCells = "planned_cells"
        case shard, partial
        case perUserSHA256 = "per_user_sha256"
        case warnings
    }

    /// The identity of a cell: one model on one scenario with one seed.
    public struct CellID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
        /// The scenario.
        public var scenario: String
        /// The model's label.
        public var model: String
        /// The seed.
        public var seed: UInt64

        /// Creates a cell identity.
        public init(scenario: String, model: String, seed: UInt64) {
            self.scenario = scenario
            self.model = model
            self.seed = seed
        }

        public static func < (a: CellID, b: CellID) -> Bool {
            (a.scenario, a.model, a.seed) < (b.scenario, b.model, b.seed)
        }

        /// `scenario / model / seed N`.
        public var description: String { "\(scenario) / \(model) / seed \(seed)" }
    }

    /// A scenario file, the SHA-256 of its bytes, and the models and metrics it lists.
    public struct ScenarioFile: Hashable, Sendable, Codable {
        /// The scenario's name.
        public var name: String
        /// The file's path as given.
        public var path: String
        /// Hex SHA-256 of the file's contents.
        public var sha256: String
        /// The models, in the order the scenario lists them (reports keep this order).
        public var models: [String]
        /// The metrics, in the order the scenario lists them (reports keep this order).
        public var metrics: [String]
        /// The model named as reference for paired tests, if the scenario names one.
        public var reference: String?
        /// The models that are baselines (not meta-learners): candidates for the default
        /// reference, the strongest of them.
        public var baselines: [String]
        /// What the scenario ran on when it is a real dataset, not a simulated world: the
        /// dataset, what its import dropped, and that it has no oracle (so oracle-relative
        /// metrics are omitted); `nil` for simulated worlds. Reports print it.
        public var dataNote: String?
        /// The training objective of each neural model, by label (`bpr`, `mse`, `joint`; the
        /// inner objective follows when it differs: `mse, inner bpr`); `nil` when the
        /// scenario has no neural model.
        public var objectives: [String: String]?
        /// The transfer protocol's shifted population as its keys read
        /// (`feature_share: 0.1, archetype_mix: [4, 0, 0]`); `nil` when the scenario does not
        /// run it. Reports print it.
        public var transferNote: String?
        /// The models that are built-in meta-learners, by label: the candidates of the
        /// findings' best meta-learner; `nil` in files written before findings.
        public var metaLearners: [String]?
        /// The entries that vary another entry of the same model (``ModelVariant``); `nil`
        /// when there are none, and in files written before variants.
        public var variants: [ModelVariant]?

        /// Creates an entry.
        public init(
            name: String, path: String, sha256: String, models: [String], metrics: [String],
            reference: String? = nil, baselines: [String] = [], dataNote: String? = nil,
            objectives: [String: String]? = nil,
            transferNote: String? = nil,
            metaLearners: [String]? = nil,
            variants: [ModelVariant]? = nil
        ) {
            self.name = name
            self.path = path
            self.sha256 = sha256
            self.models = models
            self.metrics = metrics
            self.reference = reference
            self.baselines = baselines
            self.dataNote = dataNote
            self.objectives = objectives
            self.transferNote = transferNote
            self.metaLearners = metaLearners
            self.variants = variants
        }
    }

    /// The machine a run happened on.
    public struct Host: Hashable, Sendable, Codable {
        /// Host name.
        public var name: String
        /// Operating system description.
        public var operatingSystem: String
        /// Active processor cores.
        public var cores: Int

        /// Creates a host description.
        public init(name: String, operatingSystem: String, cores: Int) {
            self.name = name
            self.operatingSystem = operatingSystem
            self.cores = cores
        }

        enum CodingKeys: String, CodingKey {
            case name
            case operatingSystem = "os"
            case cores
        }
    }

    /// How long the run and each cell took.
    public struct Timings: Hashable, Sendable, Codable {
        /// When the run started (ISO 8601).
        public var started: String
        /// Wall time of the whole run, in seconds.
        public var totalSeconds: Double
        /// Wall time per cell.
        public var cells: [CellTiming]

        /// Creates timings.
        public init(started: String, totalSeconds: Double, cells: [CellTiming]) {
            self.started = started
            self.totalSeconds = totalSeconds
            self.cells = cells
        }

        enum CodingKeys: String, CodingKey {
            case started
            case totalSeconds = "total_seconds"
            case cells
        }
    }

    /// Wall time of one cell.
    public struct CellTiming: Hashable, Sendable, Codable {
        /// The scenario.
        public var scenario: String
        /// The model.
        public var model: String
        /// The seed.
        public var seed: UInt64
        /// Wall time in seconds when the cell was computed.
        public var seconds: Double
        /// The error that ended the cell, if it failed.
        public var error: String?
        /// Whether this run took the cell from the result cache instead of computing it.
        public var cached: Bool

        /// Creates a cell timing.
        public init(
            scenario: String, model: String, seed: UInt64, seconds: Double, error: String?, cached: Bool = false
        ) {
            self.scenario = scenario
            self.model = model
            self.seed = seed
            self.seconds = seconds
            self.error = error
            self.cached = cached
        }

        /// The cell this timing belongs to.
        public var cell: CellID { CellID(scenario: scenario, model: model, seed: seed) }
    }
}

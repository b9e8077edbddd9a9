/// Joins the results of shards of one suite into the results of the whole suite.
public struct ResultMerge: Sendable {
    /// The merged results; marked partial when cells are missing.
    public let results: ResultSet
    /// The merged per-user values, in planned cell order.
    public let perUser: [PerUserRecord]
    /// Planned cells that no shard computed.
    public let missing: [ResultHeader.CellID]
    /// Cells that more than one shard computed (the first shard's copy is kept).
    public let duplicates: [ResultHeader.CellID]

    /// One shard's results and per-user values, with where they came from.
    public struct Part: Sendable {
        /// The file the results were read from, for error messages.
        public let source: String
        /// The results.
        public let results: ResultSet
        /// The per-user values.
        public let perUser: [PerUserRecord]

        /// Creates a part.
        public init(source: String, results: ResultSet, perUser: [PerUserRecord]) {
            self.source = source
            self.results = results
            self.perUser = perUser
        }
    }

    /// Merges `parts`, refusing parts of different suites, plans, scenario files or toolkit
    /// versions.
    public init(_ parts: [Part]) throws {
        guard let first = parts.first else { throw ComparisonError("nothing to merge") }
        let reference = first.results.header
        for part in parts.dropFirst() {
            let header = part.results.header
            guard header.suite == reference.suite else {
                throw ComparisonError(
                    "\(part.source) is from suite '\(header.suite)', \(first.source) from '\(reference.suite)'")
            }
            guard header.toolkitVersion == reference.toolkitVersion else {
                throw ComparisonError(
                    "\(part.source) was made by toolkit \(header.toolkitVersion), \(first.source) by \(reference.toolkitVersion)"
                )
            }
            for (scenario, other) in zip(header.scenarios, reference.scenarios) where scenario.sha256 != other.sha256 {
                throw ComparisonError(
                    "\(part.source) and \(first.source) ran different versions of scenario '\(scenario.name)' (SHA-256 \(scenario.sha256.prefix(12))… vs \(other.sha256.prefix(12))…)"
                )
            }
            guard header.plannedCells == reference.plannedCells else {
                throw ComparisonError(
                    "\(part.source) and \(first.source) plan different cells (different scenario files or seeds)")
            }
        }
        var owner = [ResultHeader.CellID: Int]()
        var duplicates = [ResultHeader.CellID]()
        for (index, part) in parts.enumerated() {
            for cell in part.results.header.timings.cells.map(\.cell) {
                if owner[cell] == nil { owner[cell] = index } else { duplicates.append(cell) }
            }
        }
        let keep = { (index: Int, cell: ResultHeader.CellID) in owner[cell] == index }
        var rows = [ResultRow]()
        var drift = [DriftFigure]()
        var onboarding = [OnboardingFigure]()
        var timings = [ResultHeader.CellTiming]()
        var perUserByCell = [ResultHeader.CellID: [PerUserRecord]]()
        for (index, part) in parts.enumerated() {
            rows += part.results.rows.filter {
                keep(index, .init(scenario: $0.scenario, model: $0.model, seed: $0.seed))
            }
            timings += part.results.header.timings.cells.filter { keep(index, $0.cell) }
            drift += part.results.drift.filter {
                keep(index, .init(scenario: $0.scenario, model: $0.model, seed: $0.seed))
            }
            onboarding += part.results.onboarding.filter {
                keep(index, .init(scenario: $0.scenario, model: $0.model, seed: $0.seed))
            }
            for record in part.perUser {
                let cell = ResultHeader.CellID(scenario: record.scenario, model: record.model, seed: record.seed)
                if keep(index, cell) { perUserByCell[cell, default: []].append(record) }
            }
        }
        let missing = reference.plannedCells.filter { owner[$0] == nil }
        let order = Dictionary(reference.plannedCells.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var header = reference
        header.shard = nil
        header.partial = !missing.isEmpty
        header.timings = ResultHeader.Timings(
            started: parts.map(\.results.header.timings.started).min() ?? reference.timings.started,
            totalSeconds: parts.map(\.results.header.timings.totalSeconds).max() ?? 0,
            cells: timings.sorted { (order[$0.cell] ?? .max) < (order[$1.cell] ?? .max) }
        )
        let perUser = reference.plannedCells.flatMap { perUserByCell[$0] ?? [] }
        self.results = ResultSet(
            header: header, rows: rows,
            drift: Self.inPlannedOrder(drift, order: order) {
                .init(scenario: $0.scenario, model: $0.model, seed: $0.seed)
            },
            onboarding: Self.inPlannedOrder(onboarding, order: order) {
                .init(scenario: $0.scenario, model: $0.model, seed: $0.seed)
            }
        ).testingSignificance(perUser: perUser)
        self.perUser = perUser
        self.missing = missing
        self.duplicates = duplicates
    }

    /// `figures` in the planned order of their cells, keeping their order within a cell.
    private static func inPlannedOrder<Figure>(
        _ figures: [Figure], order: [ResultHeader.CellID: Int], cell: (Figure) -> ResultHeader.CellID
    ) -> [Figure] {
        figures.enumerated().sorted {
            ((order[cell($0.element)] ?? .max), $0.offset) < ((order[cell($1.element)] ?? .max), $1.offset)
        }.map(\.element)
    }
}

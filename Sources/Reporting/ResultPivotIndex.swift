import Evaluation

/// The lookups of a ``ResultPivot``, built in one pass over the rows: each scenario's lists
/// (protocols, models, K, windows, rounds, metrics) and the rows of each figure.
///
/// A report asks for thousands of figures; finding each by scanning every row made writing
/// the default suite's reports quadratic in its rows (most of a cached re-run's time).
struct ResultPivotIndex: Sendable {
    /// The rows of one scenario, protocol, model, metric and segment, across seeds, K,
    /// windows and rounds.
    struct FigureKey: Hashable, Sendable {
        let scenario: String
        let protocolName: String
        let model: String
        let metric: String
        let segment: String

        init(_ coordinates: ResultCoordinates) {
            self.init(
                scenario: coordinates.scenario, protocolName: coordinates.protocolName, model: coordinates.model,
                metric: coordinates.metric, segment: coordinates.segment)
        }

        init(scenario: String, protocolName: String, model: String, metric: String, segment: String) {
            self.scenario = scenario
            self.protocolName = protocolName
            self.model = model
            self.metric = metric
            self.segment = segment
        }
    }

    /// What the pivot lists of one scenario, in first-seen order unless said otherwise.
    struct Scenario: Sendable {
        var protocols = [String]()
        var models = [String]()
        /// The models with rows under each protocol: those that ran it.
        var protocolModels = [String: Set<String>]()
        /// Every metric of the scenario's rows.
        var metrics = [String]()
        /// The metrics of the protocols measured at K alone (not drift, onboarding, transfer).
        var shotMetrics = [String]()
        var driftMetrics = [String]()
        var onboardingMetrics = [String]()
        var transferMetrics = Set<String>()
        /// K of every protocol but onboarding and transfer, ascending.
        var shots = [Int]()
        var windows = [Int]()
        var rounds = [Int]()
        var onboardingShots = [Int]()
        var transferShots = [Int]()
    }

    /// Scenario names in first-seen order.
    let scenarioNames: [String]
    /// Each scenario's lists.
    let scenarios: [String: Scenario]
    /// The row indices of each figure, in row order.
    let figures: [FigureKey: [Int]]

    /// Indexes `rows`; `driftProtocol`, `onboardingProtocol` and `transferProtocol` name the
    /// protocols whose rows lie along windows, rounds or populations.
    init(rows: [ResultRow], driftProtocol: String, onboardingProtocol: String, transferProtocol: String) {
        var names = [String]()
        var builders = [String: Builder]()
        var figures = [FigureKey: [Int]]()
        for (index, row) in rows.enumerated() {
            figures[FigureKey(row.coordinates), default: []].append(index)
            if builders[row.scenario] == nil {
                names.append(row.scenario)
                builders[row.scenario] = Builder()
            }
            builders[row.scenario]!.add(
                row, driftProtocol: driftProtocol, onboardingProtocol: onboardingProtocol,
                transferProtocol: transferProtocol)
        }
        self.scenarioNames = names
        self.scenarios = builders.mapValues(\.finished)
        self.figures = figures
    }

    /// Gathers one scenario's lists row by row.
    private struct Builder {
        var scenario = Scenario()
        private var seen = [Set<String>](repeating: [], count: 6)
        private var shots = Set<Int>()
        private var windows = Set<Int>()
        private var rounds = Set<Int>()
        private var onboardingShots = Set<Int>()
        private var transferShots = Set<Int>()

        mutating func add(
            _ row: ResultRow, driftProtocol: String, onboardingProtocol: String, transferProtocol: String
        ) {
            note(row.protocolName, in: \.protocols, 0)
            note(row.model, in: \.models, 1)
            scenario.protocolModels[row.protocolName, default: []].insert(row.model)
            note(row.metric, in: \.metrics, 2)
            switch row.protocolName {
            case driftProtocol:
                note(row.metric, in: \.driftMetrics, 3)
                if let window = row.window { windows.insert(window) }
                if let value = row.shots { shots.insert(value) }
            case onboardingProtocol:
                note(row.metric, in: \.onboardingMetrics, 4)
                if let round = row.round { rounds.insert(round) }
                if let value = row.shots { onboardingShots.insert(value) }
            case transferProtocol:
                scenario.transferMetrics.insert(row.metric)
                if let value = row.shots { transferShots.insert(value) }
            default:
                note(row.metric, in: \.shotMetrics, 5)
                if let value = row.shots { shots.insert(value) }
            }
        }

        /// Appends `name` to the list at `list` the first time list `slot` sees it.
        private mutating func note(_ name: String, in list: WritableKeyPath<Scenario, [String]>, _ slot: Int) {
            if seen[slot].insert(name).inserted { scenario[keyPath: list].append(name) }
        }

        /// The scenario's lists, the K, windows and rounds sorted.
        var finished: Scenario {
            var result = scenario
            result.shots = shots.sorted()
            result.windows = windows.sorted()
            result.rounds = rounds.sorted()
            result.onboardingShots = onboardingShots.sorted()
            result.transferShots = transferShots.sorted()
            return result
        }
    }
}

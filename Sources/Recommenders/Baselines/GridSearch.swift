import RecData

/// A hyper-parameter grid search on the validation users.
///
/// A scenario gives a grid by listing values (`params: {factors: [16, 32]}`); every
/// combination of the listed values is built with the same seed, fitted on the meta-train
/// users, and scored by ``ValidationRanking`` on the validation users' tasks (adapting on
/// their support sets, ranking the full catalog). The best combination is kept and serves
/// every evaluated user. Test users are never seen: `fit` receives only the training set
/// and the validation tasks. Ties keep the earlier combination. A combination whose fit or
/// validation throws (a diverged model), or whose validation scores are not finite, is
/// disqualified with score −∞; when every combination fails, the first error is thrown.
public struct GridSearch: Recommender {
    public let name: String
    /// The parameters, some of them lists of values to search.
    public let grid: ModelParameters
    private let seed: UInt64
    private let make: @Sendable (ModelParameters, UInt64) -> any Recommender
    /// The model the last fit chose, fitted (`nil` before fitting).
    public private(set) var chosenModel: (any Recommender)?

    /// Every combination tried in the last fit with its validation NDCG@10, in grid order.
    public private(set) var trials: [(parameters: ModelParameters, score: Double)] = []

    /// Creates a search over `grid`; `make` builds one model for one plain setting.
    public init(
        name: String, grid: ModelParameters, seed: UInt64,
        make: @escaping @Sendable (ModelParameters, UInt64) -> any Recommender
    ) {
        self.name = name
        self.grid = grid
        self.seed = seed
        self.make = make
    }

    /// The combination chosen by the last fit.
    public var chosen: ModelParameters? {
        trials.indices.max { trials[$0].score < trials[$1].score || (trials[$0].score == trials[$1].score && $0 > $1) }
            .map { trials[$0].parameters }
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        guard !validation.isEmpty else { throw BaselineError.noValidationUsers(model: name) }
        trials = []
        chosenModel = nil
        var bestScore = -Double.infinity
        var bestRandom = random
        var firstError: (any Error)?
        for point in grid.gridPoints {
            var model = make(point, seed)
            var generator = random
            let score: Double
            do {
                try model.fit(training, validation: validation, random: &generator)
                let ndcg = try ValidationRanking.meanNDCG(of: model, tasks: validation, dataset: training.dataset)
                score = ndcg.isFinite ? ndcg : -.infinity
            } catch {
                firstError = firstError ?? error
                trials.append((point, -.infinity))
                continue
            }
            trials.append((point, score))
            if chosenModel == nil || score > bestScore {
                chosenModel = model
                bestScore = score
                bestRandom = generator
            }
        }
        if chosenModel == nil, let firstError { throw firstError }
        random = bestRandom
    }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        guard let chosenModel else { throw BaselineError.notFitted(model: name) }
        return try chosenModel.adapt(to: support, user: user)
    }
}

// MARK: - Grids in parameters

extension ModelParameters {
    /// Whether any value is a list, that is, a grid to search.
    public var isGrid: Bool {
        values.values.contains { if case .list = $0 { return true } else { return false } }
    }

    /// The number of combinations of the listed values (1 without a grid), saturating at `Int.max`.
    public var gridSize: Int {
        values.values.reduce(1) { size, value in
            guard case let .list(choices) = value else { return size }
            let (product, overflow) = size.multipliedReportingOverflow(by: choices.count)
            return overflow ? Int.max : product
        }
    }

    /// Every combination of the listed values, each a plain setting: parameters in name
    /// order, the last varying fastest, values in the order listed.
    public var gridPoints: [ModelParameters] {
        var points = [values]
        for name in values.keys.sorted() {
            guard case let .list(choices) = values[name] else { continue }
            points = points.flatMap { point in
                choices.map { choice in
                    var next = point
                    next[name] = choice
                    return next
                }
            }
        }
        return points.map(ModelParameters.init)
    }
}

// MARK: - Storage footprint

extension GridSearch: SharedModelFootprint {
    /// The chosen combination's bytes, when that model counts them.
    public var sharedModelBytes: Int? { (chosenModel as? any SharedModelFootprint)?.sharedModelBytes }
}

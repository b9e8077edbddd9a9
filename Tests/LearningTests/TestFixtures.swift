@testable import Learning

/// A small seeded generator for test data (SplitMix64), so tests need no other module.
struct TestGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func float(_ range: ClosedRange<Float> = -1...1) -> Float { Float.random(in: range, using: &self) }
    mutating func matrix(_ rows: Int, _ columns: Int, scale: Float = 1) -> Matrix {
        Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in scale * float() })
    }
}

/// Random networks, batches and directions for derivative checks.
enum Fixtures {
    /// A random network; `loss` "joint" gives it the joint objective's two outputs.
    static func network(adapter: AdapterPlacement?, random: inout TestGenerator, loss: String = "mse") -> FeatureNetwork
    {
        let fields: [InputField] = [
            .categorical(cardinality: random.int(3...6), dimension: random.int(2...4)),
            .multiValued(cardinality: random.int(3...6), dimension: random.int(2...3)),
            .dense(dimension: random.int(1...3)),
        ]
        return FeatureNetwork(
            fields: fields, hiddenWidths: [random.int(4...7), random.int(3...5)], adapter: adapter,
            outputWidth: loss == "joint" ? 2 : 1)
    }

    static func batch(for network: FeatureNetwork, rows: Int, random: inout TestGenerator) -> FeatureBatch {
        FeatureBatch(
            rows: rows,
            columns: network.fields.map { field in
                switch field {
                case let .categorical(cardinality, _):
                    return .codes((0..<rows).map { _ in Int32(random.int(0...(cardinality - 1))) })
                case let .multiValued(cardinality, _):
                    return .lists(
                        CodeLists(
                            (0..<rows).map { _ in
                                (0..<random.int(0...3)).map { _ in Int32(random.int(0...(cardinality - 1))) }
                            }))
                case let .dense(dimension):
                    return .dense(random.matrix(rows, dimension))
                }
            })
    }

    /// Rows of one user: the first `userFields` fields hold their first row's value in every row.
    static func userBatch(for network: FeatureNetwork, rows: Int, userFields: Int = 2, random: inout TestGenerator)
        -> FeatureBatch
    {
        let varied = Fixtures.batch(for: network, rows: rows, random: &random)
        let columns = varied.columns.enumerated().map { index, column -> InputColumn in
            guard index < userFields, rows > 0 else { return column }
            switch column {
            case let .codes(codes): return .codes(Array(repeating: codes[0], count: rows))
            case let .lists(lists): return .lists(CodeLists(Array(repeating: Array(lists.codes(of: 0)), count: rows)))
            case let .dense(values):
                return .dense(
                    Matrix(
                        rows: rows, columns: values.columns,
                        storage: (0..<rows).flatMap { _ in values.storage.prefix(values.columns) }))
            }
        }
        return FeatureBatch(rows: rows, columns: columns)
    }

    static func objective(_ kind: String, rows: Int, random: inout TestGenerator) -> Objective {
        switch kind {
        case "mse": return .meanSquaredError(targets: (0..<rows).map { _ in random.float(-2...2) })
        case "bce": return .binaryCrossEntropyWithLogits(labels: (0..<rows).map { _ in random.int(0...1) == 1 ? 1 : 0 })
        case "softmax":
            let groups = (0..<(rows / 2)).map { [2 * $0, 2 * $0 + 1] + (2 * $0 + 2 < rows ? [2 * $0 + 2] : []) }
            return .sampledSoftmax(groups: groups, logQ: (0..<rows).map { _ in random.float(-0.2...0.2) })
        case "joint":
            return .joint(
                targets: (0..<((rows + 1) / 2)).map { _ in random.float(-2...2) },
                labels: (0..<rows).map { _ in random.int(0...1) == 1 ? 1 : 0 }, weight: 0.3
            )
        default:
            return .bayesianPersonalizedRanking(
                pairs: (0..<(rows / 2)).map { PreferencePair(positive: 2 * $0, negative: 2 * $0 + 1) })
        }
    }

    /// The adapter of a stacking scope ("film", "lowRank"; none for the others).
    static func adapter(for scope: String) -> AdapterPlacement? {
        switch scope {
        case "film": return .film(layer: 1)
        case "lowRank": return .lowRank(layer: 0, rank: 2)
        default: return nil
        }
    }

    /// The tensors a stacking scope adapts: the adapter's, every tensor ("all") or the
    /// decision layers.
    static func adaptedIndices(for scope: String, in network: FeatureNetwork) -> [Int] {
        switch scope {
        case "film", "lowRank": return network.adapterIndices
        case "all": return network.allIndices
        default: return network.decisionIndices
        }
    }

    /// Eleven tasks for stacking (a full stack of eight and a partial one) of varied sizes,
    /// each task's rows sharing their first `userFields` fields (one user's features),
    /// the fifth without support rows when `emptySupport`.
    static func stackTasks(
        for network: FeatureNetwork, objective: String, emptySupport: Bool = true, userFields: Int = 0,
        random: inout TestGenerator
    ) -> [MetaTask] {
        (0..<11).map { index in
            let supportRows = emptySupport && index == 4 ? 0 : 2 * random.int(1...5)
            let queryRows = 2 * random.int(1...4)
            return MetaTask(
                support: userBatch(for: network, rows: supportRows, userFields: userFields, random: &random),
                supportObjective: Fixtures.objective(objective, rows: supportRows, random: &random),
                query: userBatch(for: network, rows: queryRows, userFields: userFields, random: &random),
                queryObjective: Fixtures.objective(objective, rows: queryRows, random: &random)
            )
        }
    }

    /// Parameters with non-trivial adapters (FiLM and low-rank away from their identity start).
    static func parameters(for network: FeatureNetwork, random: inout TestGenerator) -> ParameterSet {
        var parameters = network.initialParameters(outputBias: 0.3, using: &random)
        for index in network.adapterIndices {
            parameters[index] = random.matrix(parameters[index].rows, parameters[index].columns, scale: 0.5)
        }
        for index in network.encoderIndices {
            parameters[index] = random.matrix(parameters[index].rows, parameters[index].columns)
        }
        return parameters
    }

    static func direction(like parameters: ParameterSet, random: inout TestGenerator) -> ParameterSet {
        ParameterSet(parameters.tensors.map { random.matrix($0.rows, $0.columns) })
    }
}

/// Central finite differences.
enum FiniteDifference {
    /// `(f(θ + εu) − f(θ − εu)) / 2ε`.
    static func directional(
        _ f: (ParameterSet) -> Double, at parameters: ParameterSet, along u: ParameterSet, epsilon: Float = 1e-2
    ) -> Double {
        var plus = parameters
        plus.add(u, scaledBy: epsilon)
        var minus = parameters
        minus.add(u, scaledBy: -epsilon)
        return (f(plus) - f(minus)) / (2 * Double(epsilon))
    }

    /// `(g(θ + εu) − g(θ − εu)) / 2ε` for a vector-valued `g`.
    static func directional(
        _ g: (ParameterSet) -> ParameterSet, at parameters: ParameterSet, along u: ParameterSet, epsilon: Float = 1e-2
    ) -> ParameterSet {
        var plus = parameters
        plus.add(u, scaledBy: epsilon)
        var minus = parameters
        minus.add(u, scaledBy: -epsilon)
        var difference = g(plus)
        difference.add(g(minus), scaledBy: -1)
        difference.scale(by: 1 / (2 * epsilon))
        return difference
    }

    /// `‖a − b‖ / max(‖a‖, ‖b‖, floor)`.
    static func relativeError(_ a: ParameterSet, _ b: ParameterSet, floor: Double = 1e-3) -> Double {
        var difference = a
        difference.add(b, scaledBy: -1)
        return difference.norm / max(a.norm, b.norm, floor)
    }

    static func relativeError(_ a: Double, _ b: Double, floor: Double = 1e-3) -> Double {
        abs(a - b) / max(abs(a), abs(b), floor)
    }
}

// MARK: - Kink guard

extension FeatureNetwork {
    /// Whether every ReLU is on the same side of its kink at `θ ± εu` as at `θ`, so that a
    /// central difference over that segment measures a smooth function.
    func reluPatternIsStable(_ batch: FeatureBatch, parameters: ParameterSet, along u: ParameterSet, epsilon: Float)
        -> Bool
    {
        func pattern(_ p: ParameterSet) -> [Bool] {
            forwardTrace(batch, parameters: p).preActivations.flatMap { $0.storage.map { $0 > 0 } }
        }
        var plus = parameters
        plus.add(u, scaledBy: epsilon)
        var minus = parameters
        minus.add(u, scaledBy: -epsilon)
        let center = pattern(parameters)
        return pattern(plus) == center && pattern(minus) == center
    }
}

extension FeatureNetwork {
    /// The largest step in `1e-2, 5e-3, …` (down to about `1.2e-4`) over which no ReLU crosses
    /// its kink along `u`; `nil` when there is none and the test must use another seed.
    func smoothStep(_ batch: FeatureBatch, parameters: ParameterSet, along u: ParameterSet) -> Float? {
        var epsilon: Float = 1e-2
        while epsilon > 1e-4 {
            if reluPatternIsStable(batch, parameters: parameters, along: u, epsilon: epsilon) { return epsilon }
            epsilon /= 2
        }
        return nil
    }
}

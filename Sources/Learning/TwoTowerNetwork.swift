/// A two-tower scorer whose per-user state is a user representation: an item tower maps
/// an item's inputs (id embedding, features, content embedding) to a representation
/// `r_c(i)` of width `d` and a bias `c_c(i)` per output `c`; a user's state is a vector and
/// a bias per output, and the scores are `s_c(u, i) = ⟨u_c, r_c(i)⟩ + b_c + c_c(i)` (two
/// outputs — a rating head and a relevance head — each with its own representations, on
/// one shared tower body).
///
/// The state is held as a block-diagonal `w(d + 1) × w` matrix `U` (block `c` the column
/// `[u_c; b_c]`), the items' outputs as `A = [r_0(i), 1, r_1(i), 1, …]`, so the scores are
/// one product `A·U + C`; gradients keep the block structure by a mask (which also freezes
/// the biases when they do not adapt).
///
/// The state starts at a meta-learned value — the user tower's output on the user's
/// features (a linear map or a small ReLU network, as MetaEmb generates warm-up embeddings from features: Pan et
/// al., SIGIR 2019), or one shared value when users have no features — and adapts to a
/// user by ``steps`` gradient steps on the support set, each with its own meta-learned rate
/// per output (per-step rates as in MAML++, Antoniou et al., ICLR 2019; per output, so that
/// a rating head that should stay put does not hold back a relevance head that should move). Only the state adapts: the
/// context-parameter idea of CAVIA (Zintgraf et al., ICML 2019).
///
/// Parameters are laid out as: the item tower's tensors, then the user tower's (or the one
/// shared `1 × w(d + 1)` initial state), then the inner rates (`steps × w`: per step and per output).
public struct TwoTowerNetwork: Hashable, Sendable {
    /// Maps an item's inputs to its representation per output (``latentWidth`` outputs each,
    /// output after output) and its bias per output (the last ``outputWidth``).
    public let itemTower: FeatureNetwork
    /// Maps a user's features to the initial state; `nil` when users have no features.
    public let userTower: FeatureNetwork?
    /// The width `d` of user and item representations.
    public let latentWidth: Int
    /// The number of scores per item: 1, or 2 for a rating head and a relevance head.
    public let outputWidth: Int
    /// Whether the user bias adapts beside the user vector.
    public let adaptsBias: Bool
    /// Gradient steps of the inner loop.
    public let steps: Int

    /// Creates a description; the item tower has `hiddenWidths` hidden ReLU layers, the user
    /// tower `userHiddenWidths` (none: a linear map of the user's inputs).
    public init(
        itemFields: [InputField], userFields: [InputField], hiddenWidths: [Int], userHiddenWidths: [Int] = [],
        latentWidth: Int, outputWidth: Int = 1, adaptsBias: Bool = true, steps: Int
    ) {
        precondition(
            !itemFields.isEmpty && latentWidth > 0 && steps >= 0,
            "a two-tower network needs item inputs, a latent width and a step count")
        itemTower = FeatureNetwork(
            fields: itemFields, hiddenWidths: hiddenWidths, outputWidth: (latentWidth + 1) * outputWidth)
        userTower =
            userFields.isEmpty
            ? nil
            : FeatureNetwork(
                fields: userFields, hiddenWidths: userHiddenWidths, outputWidth: (latentWidth + 1) * outputWidth)
        self.latentWidth = latentWidth
        self.outputWidth = outputWidth
        self.adaptsBias = adaptsBias
        self.steps = steps
    }

    // MARK: - Layout

    /// Rows of a user state: per output, the user vector's `d`, then the user bias.
    public var stateRows: Int { (latentWidth + 1) * outputWidth }

    /// Index of the user tower's first tensor (or of the shared initial state).
    public var userIndex: Int { itemTower.tensorCount }

    /// Index of the inner rates.
    public var rateIndex: Int { userIndex + (userTower?.tensorCount ?? 1) }

    /// Tensor indices of the item tower.
    public var itemIndices: [Int] { Array(0..<userIndex) }

    /// Zeros in the parameters' shapes.
    public var zeros: ParameterSet {
        ParameterSet(
            itemTower.zeros.tensors + (userTower?.zeros.tensors ?? [Matrix(rows: 1, columns: stateRows)])
                + [Matrix(rows: max(steps, 1), columns: outputWidth)]
        )
    }

    /// The number of scalars a user adapts.
    public var adaptedScalarCount: Int { (adaptsBias ? latentWidth + 1 : latentWidth) * outputWidth }

    /// Fresh parameters: the towers as ``FeatureNetwork/initialParameters(outputBias:using:)``
    /// makes them (a shared initial state uniform in ±0.1), the first output's user bias at
    /// `outputBias`, every inner rate at `innerRate`.
    public func initialParameters<G: RandomNumberGenerator>(
        innerRate: Float, outputBias: Float = 0, using generator: inout G
    ) -> ParameterSet {
        var tensors = itemTower.initialParameters(using: &generator).tensors
        tensors[tensors.count - 1] = Matrix(rows: 1, columns: (latentWidth + 1) * outputWidth)
        if let userTower {
            var user = userTower.initialParameters(using: &generator).tensors
            user[user.count - 1].storage[latentWidth] = outputBias
            tensors += user
        } else {
            var state = Initialization.uniform(rows: 1, columns: stateRows, bound: 0.1, using: &generator)
            state.storage[latentWidth] = outputBias
            tensors.append(state)
        }
        tensors.append(Matrix(rows: max(steps, 1), columns: outputWidth, repeating: innerRate))
        return ParameterSet(tensors)
    }

    /// The item tower's tensors of `parameters`.
    public func itemParameters(_ parameters: ParameterSet) -> ParameterSet {
        ParameterSet(Array(parameters.tensors[0..<userIndex]))
    }

    /// The user tower's tensors of `parameters`.
    func userParameters(_ parameters: ParameterSet) -> ParameterSet {
        ParameterSet(Array(parameters.tensors[userIndex..<rateIndex]))
    }

    /// The inner rates, one row per step and one column per output.
    public func rates(_ parameters: ParameterSet) -> Matrix {
        parameters[rateIndex]
    }

    /// Row `step` of `rates` (its last row for later steps), `1 × outputWidth`.
    func rates(_ rates: Matrix, step: Int) -> Matrix {
        let row = min(step, rates.rows - 1)
        return Matrix(
            rows: 1, columns: rates.columns,
            storage: Array(rates.storage[(row * rates.columns)..<((row + 1) * rates.columns)]))
    }

    // MARK: - Towers

    /// A user's initial state from the user tower's inputs `user` (one row).
    public func initialState(_ user: FeatureBatch, parameters: ParameterSet) -> Matrix {
        guard let userTower else { return state(fromRow: parameters[userIndex]) }
        return state(fromRow: userTower.pass(user, parameters: userParameters(parameters)).outputs)
    }

    /// The item tower's outputs on `batch`, split into representations and biases.
    public func items(_ batch: FeatureBatch, parameters: ParameterSet) -> TowerOutputs {
        TowerOutputs(
            itemTower.pass(batch, parameters: itemParameters(parameters)).outputs, latentWidth: latentWidth,
            outputWidth: outputWidth)
    }

    /// The block-diagonal state of a compact `1 × w(d + 1)` row (output after output).
    func state(fromRow row: Matrix) -> Matrix {
        var state = Matrix(rows: stateRows, columns: outputWidth)
        for index in 0..<stateRows { state[index, index / (latentWidth + 1)] = row.storage[index] }
        return state
    }

    /// The compact `1 × w(d + 1)` row of a state's (or a state gradient's) diagonal blocks.
    func row(fromState state: Matrix) -> Matrix {
        Matrix(rows: 1, columns: stateRows, storage: (0..<stateRows).map { state[$0, $0 / (latentWidth + 1)] })
    }

    // MARK: - Scores and adaptation

    /// The scores of `items` under `state`, `rows × outputWidth`: one matrix product.
    public func scores(_ items: TowerOutputs, state: Matrix) -> Matrix {
        var scores = items.bias
        scores.addProduct(items.augmented, state)
        return scores
    }

    /// `∂L/∂U` of the support loss at `state`, with the bias row zero when it does not
    /// adapt; also the scores and `∂L/∂s` it came from.
    func stateGradient(_ items: TowerOutputs, state: Matrix, objective: Objective) -> (
        gradient: Matrix, scores: Matrix, scoreGradient: Matrix
    ) {
        let scores = scores(items, state: state)
        let scoreGradient = objective.gradient(scores)
        var gradient = Matrix.product(items.augmented, scoreGradient, transposeA: true)
        masked(&gradient)
        return (gradient, scores, scoreGradient)
    }

    /// `state` after `steps` gradient steps (default: ``steps``) on the support items'
    /// `objective`, step `k` at row `k` of `rates` (its last row for later steps).
    public func adapt(
        _ state: Matrix, support items: TowerOutputs, objective: Objective, rates: Matrix, steps: Int? = nil
    ) -> Matrix {
        var state = state
        guard items.rows > 0 else { return state }
        for step in 0..<(steps ?? self.steps) {
            var gradient = stateGradient(items, state: state, objective: objective).gradient
            gradient.multiplyEachRow(by: self.rates(rates, step: step))
            state.add(gradient, scaledBy: -1)
        }
        return state
    }

    /// The query loss of `task` after adapting on its support set.
    public func queryLoss(_ parameters: ParameterSet, task: TwoTowerTask) -> Double {
        let start = initialState(task.user, parameters: parameters)
        let adapted =
            task.support.rows > 0
            ? adapt(
                start, support: items(task.support, parameters: parameters), objective: task.supportObjective,
                rates: rates(parameters))
            : start
        return task.queryObjective.value(scores(items(task.query, parameters: parameters), state: adapted))
    }

    /// Keeps a state gradient's diagonal blocks, without their bias rows when the bias does
    /// not adapt.
    func masked(_ stateGradient: inout Matrix) {
        for index in 0..<stateRows {
            let block = index / (latentWidth + 1)
            let frozen = !adaptsBias && index % (latentWidth + 1) == latentWidth
            for column in 0..<outputWidth where column != block || frozen { stateGradient[index, column] = 0 }
        }
    }
}

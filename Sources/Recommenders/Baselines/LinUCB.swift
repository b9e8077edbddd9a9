import Learning
import RecData

/// LinUCB (Li, Chu, Langford & Schapire, "A contextual-bandit approach to personalized news
/// article recommendation", WWW 2010, Algorithm 1): a per-user ridge regression of the
/// reward on item features, scored by an upper confidence bound,
/// `θᵀx + α √(xᵀ A⁻¹ x)` with `A = λI + Σ x xᵀ` and `θ = A⁻¹ b`.
///
/// Items are feature vectors (`ItemFeatureVectors`, plus a constant). The reward is the
/// rating minus the training mean for ratings, and 1 for implicit feedback. Where Algorithm 1
/// starts every user at `θ = 0`, a new user here starts at the population's ridge solution
/// `θ₀` fitted on the meta-train interactions (`b = λ θ₀`), so that K = 0 ranks by the
/// population's taste rather than by exploration alone; for implicit feedback the
/// population fit pairs each interaction with one sampled non-interacted item of reward 0.
/// The support set and every ``Personalized/observe(_:)`` call update `A` and `b` online;
/// ``LinUCBUser`` applies `A⁻¹` through the Woodbury identity, so a user with `k`
/// observations costs `n·d·k` to score `n` items rather than `n·d²`.
public struct LinUCB: Recommender, Sendable {
    public let name = "linucb"
    /// Exploration weight α.
    public let alpha: Double
    /// Ridge weight λ (the prior's strength).
    public let lambda: Double
    private var prior: LinUCBPrior?

    /// Creates the model.
    public init(alpha: Double = 1, lambda: Double = 1) {
        self.alpha = alpha
        self.lambda = lambda
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let dataset = training.dataset
        let vectors = ItemFeatureVectors(dataset.items, bias: true)
        let d = vectors.width
        let offset = dataset.feedback.hasRatings ? (training.meanValue ?? 0) : 0
        var normal = NormalEquations(width: d)
        var sampler = random.stream("linucb-negatives")
        for history in training.histories {
            let known = Set(history.map(\.item.index))
            for interaction in history {
                normal.add(
                    vectors.vector(interaction.item),
                    reward: dataset.feedback.hasRatings ? interaction.value - offset : 1)
                if !dataset.feedback.hasRatings, known.count < dataset.itemCount {
                    var item = sampler.nextIndex(below: dataset.itemCount)
                    while known.contains(item) { item = sampler.nextIndex(below: dataset.itemCount) }
                    normal.add(vectors.vector(ItemID(index: item)), reward: 0)
                }
            }
        }
        let theta = normal.ridgeSolution(lambda: lambda)
        let scale = dataset.feedback.hasRatings ? dataset.feedback.scale : nil
        prior = LinUCBPrior(vectors: vectors, theta: theta, offset: offset, ratingScale: scale)
    }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        guard let prior else { throw BaselineError.notFitted(model: name) }
        var bandit = LinUCBUser(prior: prior, alpha: Float(alpha), lambda: Float(lambda))
        try bandit.observe(support)
        return bandit
    }
}

/// What every LinUCB user starts from.
struct LinUCBPrior: Sendable {
    /// Item feature rows, a constant last.
    let vectors: ItemFeatureVectors
    /// The population's ridge solution θ₀.
    let theta: [Float]
    /// Added to the expected reward to give a rating (the training mean).
    let offset: Float
    /// The rating scale, when rewards are ratings.
    let ratingScale: ClosedRange<Float>?
    /// Each item's squared feature norm `‖x‖²`, by item index.
    let squaredNorms: [Float]

    init(vectors: ItemFeatureVectors, theta: [Float], offset: Float, ratingScale: ClosedRange<Float>?) {
        self.vectors = vectors
        self.theta = theta
        self.offset = offset
        self.ratingScale = ratingScale
        let d = vectors.width
        squaredNorms = (0..<vectors.matrix.rows).map { item in
            vectors.matrix.storage[(item * d)..<((item + 1) * d)].reduce(Float(0)) { $0 + $1 * $1 }
        }
    }
}

/// `XᵀX` and `Xᵀr` of a ridge regression, accumulated from rows in blocks through BLAS.
struct NormalEquations {
    let width: Int
    private var gram: Matrix
    private var projection: Matrix
    private var block: [Float] = []
    private var rewards: [Float] = []
    private static let blockRows = 4_096

    init(width: Int) {
        self.width = width
        self.gram = Matrix(rows: width, columns: width)
        self.projection = Matrix(rows: width, columns: 1)
    }

    /// Adds one row `x` with target `reward`.
    mutating func add(_ x: [Float], reward: Float) {
        block += x
        rewards.append(reward)
        if rewards.count == Self.blockRows { flush() }
    }

    private mutating func flush() {
        guard !rewards.isEmpty else { return }
        let rows = Matrix(rows: rewards.count, columns: width, storage: block)
        gram.addProduct(rows, rows, transposeA: true)
        projection.addProduct(rows, Matrix(rows: rewards.count, columns: 1, storage: rewards), transposeA: true)
        block.removeAll(keepingCapacity: true)
        rewards.removeAll(keepingCapacity: true)
    }

    /// `(XᵀX + λI)⁻¹ Xᵀr`.
    mutating func ridgeSolution(lambda: Double) -> [Float] {
        flush()
        var a = gram.storage.map(Double.init)
        for i in 0..<width { a[i * width + i] += lambda }
        let rhs = projection.storage.map(Double.init)
        return (CholeskySolver.solve(a, rhs) ?? rhs.map { _ in 0 }).map(Float.init)
    }
}

// MARK: - Storage footprint

extension LinUCB: SharedModelFootprint {
    /// The item-feature matrix, the pooled weights and the items' squared norms.
    public var sharedModelBytes: Int? {
        prior.map { ByteCount.of($0.vectors.matrix.storage) + ByteCount.of($0.theta) + ByteCount.of($0.squaredNorms) }
    }
}

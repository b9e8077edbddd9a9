import Learning
import RecData

/// Matrix factorization by alternating least squares, with fold-in for new users.
///
/// - `explicit`: ratings are regressed, `r̂ = μ + bᵢ + xᵤ·yᵢ`, minimizing
///   `Σ_observed (r − r̂)² + λ(Σ‖xᵤ‖² + Σ‖yᵢ‖² + Σbᵢ²)` (the regularized squared loss of
///   Koren, Bell & Volinsky, IEEE Computer 2009, solved by ALS as in Zhou et al., AAIM 2008);
/// - `implicit`: Hu, Koren & Volinsky (ICDM 2008): every user–item pair is a target, 1 for
///   interacted pairs with confidence `1 + α` and 0 otherwise with confidence 1, minimizing
///   `Σ_all c(p − xᵤ·yᵢ)² + λ(Σ‖xᵤ‖² + Σ‖yᵢ‖²)`, with the paper's `YᵀY` speed-up.
///
/// Each half-sweep solves every user (then every item) exactly, so the loss never rises.
/// The Gram matrices and each row's normal equations are formed by BLAS products. A new
/// user's vector is the same ridge regression on the support interactions, items fixed
/// (``RidgeFoldIn``), shrunk toward the mean meta-train user, which is also the vector of
/// a user with no support.
public struct ALS: Recommender, Sendable {
    /// What the interactions are taken to be.
    public enum Feedback: String, CaseIterable, Hashable, Sendable {
        /// Ratings to regress.
        case explicit
        /// Observations with confidence weighting.
        case implicit
    }

    public let name = "als"
    /// Explicit or implicit.
    public let feedback: Feedback
    /// Number of latent factors `f`.
    public let factors: Int
    /// Regularization `λ`.
    public let lambda: Double
    /// Confidence scaling `α` (implicit).
    public let alpha: Double
    /// Sweeps (a user half-step and an item half-step each).
    public let iterations: Int
    private(set) var model: ItemFactors?
    /// The training loss after each sweep of the last fit.
    public private(set) var lossHistory: [Double] = []

    /// Creates the model.
    public init(
        feedback: Feedback = .implicit, factors: Int = 32, lambda: Double = 0.1, alpha: Double = 40,
        iterations: Int = 15
    ) {
        self.feedback = feedback
        self.factors = factors
        self.lambda = lambda
        self.alpha = alpha
        self.iterations = iterations
    }

    private var foldIn: RidgeFoldIn {
        feedback == .explicit ? .explicit(lambda: lambda) : .implicit(lambda: lambda, alpha: alpha)
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let dataset = training.dataset
        let explicit = feedback == .explicit
        let offset = explicit ? (training.meanValue ?? 0) : 0
        var initial = random.stream("als-init")
        var y = Initialization.normal(rows: dataset.itemCount, columns: factors, deviation: 0.1, using: &initial)
        var biases = Array(repeating: Float(0), count: dataset.itemCount)
        var x = Matrix(rows: training.users.count, columns: factors)
        let byItem = Self.itemColumns(training)
        lossHistory = []
        for _ in 0..<iterations {
            let users = ItemFactors(factors: y, biases: biases, offset: offset, foldIn: foldIn, ratingScale: nil)
            for (row, history) in training.histories.enumerated() {
                let vector = foldIn.solve(
                    history, factors: users.factors, biases: biases, offset: offset, gram: users.gram)
                x.storage.replaceSubrange((row * factors)..<((row + 1) * factors), with: vector)
            }
            (y, biases) =
                explicit
                ? solveItemsExplicit(x: x, columns: byItem, offset: offset) : solveItemsImplicit(x: x, columns: byItem)
            let loss = Self.loss(training, x: x, y: y, biases: biases, offset: offset, foldIn: foldIn)
            guard loss.isFinite else { throw BaselineError.diverged(model: name, detail: "training loss \(loss)") }
            lossHistory.append(loss)
        }
        let scale = explicit && dataset.feedback.hasRatings ? dataset.feedback.scale : nil
        model = ItemFactors(factors: y, biases: biases, offset: offset, foldIn: foldIn, ratingScale: scale, users: x)
    }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        guard let model else { throw BaselineError.notFitted(model: name) }
        return model.user(support)
    }

    /// The learned item factors, `items × f` (`nil` before fitting).
    public var itemFactors: Matrix? { model?.factors }

    // MARK: - Item half-steps

    /// Each item's `[yᵢ, bᵢ]` by ridge regression of `r − μ` on the rows `[xᵤ, 1]` of its raters.
    private func solveItemsExplicit(x: Matrix, columns: [[(user: Int, value: Float)]], offset: Float) -> (
        Matrix, [Float]
    ) {
        let width = factors + 1
        var y = Matrix(rows: columns.count, columns: factors)
        var biases = Array(repeating: Float(0), count: columns.count)
        for (item, raters) in columns.enumerated() where !raters.isEmpty {
            var storage = [Float]()
            storage.reserveCapacity(raters.count * width)
            for rater in raters {
                storage += x.storage[(rater.user * factors)..<((rater.user + 1) * factors)]
                storage.append(1)
            }
            let design = Matrix(rows: raters.count, columns: width, storage: storage)
            let targets = Matrix(rows: raters.count, columns: 1, storage: raters.map { $0.value - offset })
            let solution = Self.ridge(design: design, targets: targets, lambda: lambda, base: nil, alpha: 0)
            y.storage.replaceSubrange((item * factors)..<((item + 1) * factors), with: solution.prefix(factors))
            biases[item] = solution[factors]
        }
        return (y, biases)
    }

    /// Each item's `yᵢ` by Hu et al.'s weighted ridge regression over all users.
    private func solveItemsImplicit(x: Matrix, columns: [[(user: Int, value: Float)]]) -> (Matrix, [Float]) {
        let gram = Matrix.product(x, x, transposeA: true).storage.map(Double.init)
        var y = Matrix(rows: columns.count, columns: factors)
        for (item, users) in columns.enumerated() where !users.isEmpty {
            let distinct = Array(Set(users.map(\.user))).sorted()
            let design = x.gatherRows(distinct)
            let targets = Matrix(rows: distinct.count, columns: 1, repeating: 1)
            let solution = Self.ridge(design: design, targets: targets, lambda: lambda, base: gram, alpha: alpha)
            y.storage.replaceSubrange((item * factors)..<((item + 1) * factors), with: solution)
        }
        return (y, Array(repeating: 0, count: columns.count))
    }

    /// `(base + w·DᵀD + λI)⁻¹ (1 + α)·Dᵀt` with `w = α` when a base Gram is given (implicit),
    /// else `(DᵀD + λI)⁻¹ Dᵀt`.
    private static func ridge(design: Matrix, targets: Matrix, lambda: Double, base: [Double]?, alpha: Double)
        -> [Float]
    {
        let n = design.columns
        let local = Matrix.product(design, design, transposeA: true)
        var rhs = Matrix.product(design, targets, transposeA: true).storage.map(Double.init)
        var a = local.storage.map(Double.init)
        if let base {
            for i in a.indices { a[i] = base[i] + alpha * a[i] }
            rhs = rhs.map { $0 * (1 + alpha) }
        }
        for d in 0..<n { a[d * n + d] += lambda }
        return (CholeskySolver.solve(a, rhs) ?? Array(repeating: 0, count: n)).map(Float.init)
    }

    // MARK: - Helpers

    /// Each item's (user row, value) pairs.
    private static func itemColumns(_ training: TrainingSet) -> [[(user: Int, value: Float)]] {
        var columns = Array(repeating: [(user: Int, value: Float)](), count: training.dataset.itemCount)
        for (row, history) in training.histories.enumerated() {
            for interaction in history { columns[interaction.item.index].append((row, interaction.value)) }
        }
        return columns
    }

    /// The objective being minimized, in `Double`.
    static func loss(_ training: TrainingSet, x: Matrix, y: Matrix, biases: [Float], offset: Float, foldIn: RidgeFoldIn)
        -> Double
    {
        let f = x.columns
        let (xs, ys) = (x.storage, y.storage)
        let dot = { (user: Int, item: Int) -> Double in
            var sum = 0.0
            for d in 0..<f { sum += Double(xs[user * f + d]) * Double(ys[item * f + d]) }
            return sum
        }
        var total =
            foldIn.lambda * (x.squaredNorm + y.squaredNorm + biases.reduce(0.0) { $0 + Double($1) * Double($1) })
        switch foldIn {
        case .explicit:
            for (row, history) in training.histories.enumerated() {
                for interaction in history {
                    let residual =
                        Double(interaction.value - offset - biases[interaction.item.index])
                        - dot(row, interaction.item.index)
                    total += residual * residual
                }
            }
        case let .implicit(_, alpha):
            let xx = Matrix.product(x, x, transposeA: true)
            let yy = Matrix.product(y, y, transposeA: true)
            total += xx.dot(yy)
            for (row, history) in training.histories.enumerated() {
                for item in Set(history.map(\.item.index)) {
                    let p = dot(row, item)
                    total += (1 + alpha) * (1 - p) * (1 - p) - p * p
                }
            }
        }
        return total
    }
}

// MARK: - Storage footprint

extension ALS: SharedModelFootprint {
    /// The item factors and what fold-in needs.
    public var sharedModelBytes: Int? { model?.bytes }
}

import Learning
import RecData

/// How a user's factor vector is solved from their interactions with the item factors
/// fixed: a ridge regression in closed form, the user half-step of alternating least squares.
///
/// The penalty `λ‖x − x̄‖²` shrinks toward a prior mean `x̄`: zero while training, the mean
/// meta-train user when folding in a new user, so that a user with no support is the
/// average user rather than nobody. Both cases below add `λx̄` to the right-hand side.
public enum RidgeFoldIn: Hashable, Sendable {
    /// Explicit ratings: `x = (Y_Sᵀ Y_S + λI)⁻¹ Y_Sᵀ (r_S − μ − b_S)` over the rated items S.
    case explicit(lambda: Double)
    /// Implicit feedback (Hu, Koren & Volinsky, ICDM 2008): every item is a target, 1 for the
    /// items interacted with (confidence `1 + α`) and 0 for the rest (confidence 1),
    /// `x = (YᵀY + α Y_Sᵀ Y_S + λI)⁻¹ (1 + α) Y_Sᵀ 1`.
    case implicit(lambda: Double, alpha: Double)

    /// The user vector for `interactions` given item factors `y` (`items × f`), item biases
    /// `b`, offset `μ`, prior mean `x̄` (`nil`: zero) and, for implicit feedback, the Gram
    /// matrix `YᵀY` (`f × f`, row-major).
    func solve(
        _ interactions: [Interaction], factors y: Matrix, biases: [Float], offset: Float, gram: [Double],
        prior: [Float]? = nil
    ) -> [Float] {
        let f = y.columns
        let rows: [Int]
        let targets: [Float]
        switch self {
        case .explicit:
            rows = interactions.map(\.item.index)
            targets = interactions.map { $0.value - offset - biases[$0.item.index] }
        case .implicit:
            rows = Array(Set(interactions.map(\.item.index))).sorted()
            targets = Array(repeating: 1, count: rows.count)
        }
        guard !rows.isEmpty, f > 0 else { return prior ?? Array(repeating: 0, count: f) }
        let support = y.gatherRows(rows)
        let local = Matrix.product(support, support, transposeA: true)
        let projected = Matrix.product(
            support, Matrix(rows: rows.count, columns: 1, storage: targets), transposeA: true)
        var a = Array(repeating: 0.0, count: f * f)
        var rhs = projected.storage.map(Double.init)
        switch self {
        case let .explicit(lambda):
            for i in 0..<(f * f) { a[i] = Double(local.storage[i]) }
            for d in 0..<f { a[d * f + d] += lambda }
        case let .implicit(lambda, alpha):
            for i in 0..<(f * f) { a[i] = gram[i] + alpha * Double(local.storage[i]) }
            for d in 0..<f { a[d * f + d] += lambda }
            rhs = rhs.map { $0 * (1 + alpha) }
        }
        if let prior {
            for d in 0..<f { rhs[d] += lambda * Double(prior[d]) }
        }
        return (CholeskySolver.solve(a, rhs) ?? Array(repeating: 0, count: f)).map(Float.init)
    }

    /// The regularization weight λ.
    var lambda: Double {
        switch self {
        case let .explicit(lambda), let .implicit(lambda, _): return lambda
        }
    }
}

// MARK: - Row gathering

extension Matrix {
    /// The matrix of rows `rows` of this one, in that order.
    func gatherRows(_ rows: [Int]) -> Matrix {
        var storage = [Float]()
        storage.reserveCapacity(rows.count * columns)
        for row in rows { storage += self.storage[(row * columns)..<((row + 1) * columns)] }
        return Matrix(rows: rows.count, columns: columns, storage: storage)
    }
}

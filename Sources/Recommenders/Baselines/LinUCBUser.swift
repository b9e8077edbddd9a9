import Learning
import RecData

/// One user's LinUCB state and the UCB scores it gives.
///
/// The state is what defines `A = λI + XᵀX` and `b`: the observed feature rows `X` (`k × d`)
/// and `b = λθ₀ + Σ r x`; observing appends a row, in `O(d)`. Products with `A⁻¹` go
/// through the Woodbury identity `A⁻¹ = (I − Xᵀ(λI + XXᵀ)⁻¹X) / λ`, a `k × k` inverse, so
/// scoring `n` items costs `n·d·k` instead of the `n·d²` of a dense `A⁻¹` — for a new user
/// `k ≪ d`. Once `k ≥ d` the dense `A⁻¹` is cheaper and is formed instead. Both invert in
/// `Double` from the same rows, so no rounding accumulates over observations (as it does
/// in rank-one Sherman–Morrison updates of `A⁻¹`).
public struct LinUCBUser: Personalized, Sendable {
    let prior: LinUCBPrior
    let alpha: Float
    let lambda: Float
    /// The observed feature rows `X`, row-major `k × d`.
    private(set) var observed: [Float] = []
    /// `b = λθ₀ + Σ r x`.
    private(set) var b: [Float]

    init(prior: LinUCBPrior, alpha: Float, lambda: Float) {
        self.prior = prior
        self.alpha = alpha
        self.lambda = lambda
        self.b = prior.theta.map { lambda * $0 }
    }

    private var width: Int { prior.vectors.width }
    private var observations: Int { observed.count / width }

    // MARK: - Scores

    /// `θ = A⁻¹ b`.
    public var theta: [Float] {
        let d = width
        let k = observations
        guard k > 0 else { return b.map { $0 / lambda } }
        // θ = (b − Xᵀ (λI + XXᵀ)⁻¹ X b) / λ
        let x = Matrix(rows: k, columns: d, storage: observed)
        let xb = Matrix.product(x, Matrix(rows: d, columns: 1, storage: b)).storage.map(Double.init)
        let y = CholeskySolver.solve(kernel(x), size: k, rightHandSides: xb, columns: 1) ?? xb.map { _ in 0 }
        let correction = Matrix.product(x, Matrix(rows: k, columns: 1, storage: y.map(Float.init)), transposeA: true)
            .storage
        return zip(b, correction).map { ($0 - $1) / lambda }
    }

    /// The expected reward `θᵀx` of each item.
    public func expectedRewards(for items: [ItemID]) -> [Float] {
        items.isEmpty ? [] : expectedRewards(rows(items))
    }

    /// The confidence width `√(xᵀ A⁻¹ x)` of each item.
    public func confidenceWidths(for items: [ItemID]) -> [Float] {
        items.isEmpty ? [] : confidenceWidths(rows(items), items: items)
    }

    /// Upper confidence bounds `θᵀx + α √(xᵀ A⁻¹ x)`.
    public func scores(for candidates: [ItemID]) -> [Float] {
        guard !candidates.isEmpty else { return [] }
        let features = rows(candidates)
        let rewards = expectedRewards(features)
        guard alpha != 0 else { return rewards }
        return zip(rewards, confidenceWidths(features, items: candidates)).map { $0 + alpha * $1 }
    }

    /// The expected reward as a rating (ratings only).
    public func predictedRatings(for items: [ItemID]) -> [Float]? {
        guard let scale = prior.ratingScale else { return nil }
        return expectedRewards(for: items).map { min(max($0 + prior.offset, scale.lowerBound), scale.upperBound) }
    }

    private func expectedRewards(_ features: Matrix) -> [Float] {
        let theta = self.theta
        return Matrix.product(features, Matrix(rows: theta.count, columns: 1, storage: theta)).storage
    }

    private func confidenceWidths(_ features: Matrix, items: [ItemID]) -> [Float] {
        let squares =
            observations < width ? woodburyQuadraticForms(features, items: items) : denseQuadraticForms(features)
        return squares.map { max(0, $0).squareRoot() }
    }

    // MARK: - Learning

    /// `A += x xᵀ` (a row appended to `X`) and `b += r x` for each interaction.
    public mutating func observe(_ feedback: [Interaction]) throws {
        let d = width
        let source = prior.vectors.matrix.storage
        for interaction in feedback {
            let reward = prior.ratingScale == nil ? 1 : interaction.value - prior.offset
            let start = interaction.item.index * d
            observed += source[start..<(start + d)]
            for i in 0..<d { b[i] += reward * source[start + i] }
        }
    }

    // MARK: - Quadratic forms xᵀA⁻¹x

    /// `(‖x‖² − pᵀM⁻¹p) / λ` with `p = Xx` and `M = λI + XXᵀ`, for each row `x` of
    /// `features` (the rows of `items`): `M⁻¹` by a `k × k` solve, then two products.
    private func woodburyQuadraticForms(_ features: Matrix, items: [ItemID]) -> [Float] {
        let n = features.rows
        var forms = items.map { prior.squaredNorms[$0.index] }
        let k = observations
        if k > 0 {
            let x = Matrix(rows: k, columns: width, storage: observed)
            let p = Matrix.product(x, features, transposeB: true)
            let q = Matrix.product(Self.inverse(kernel(x), size: k), p)
            p.storage.withUnsafeBufferPointer { p in
                q.storage.withUnsafeBufferPointer { q in
                    for i in 0..<k {
                        for j in 0..<n { forms[j] -= p[i * n + j] * q[i * n + j] }
                    }
                }
            }
        }
        return forms.map { $0 / lambda }
    }

    /// `xᵀA⁻¹x` through the dense `A⁻¹`, for each row `x` of `features`.
    private func denseQuadraticForms(_ features: Matrix) -> [Float] {
        let d = width
        let x = Matrix(rows: observations, columns: d, storage: observed)
        var a = Matrix.product(x, x, transposeA: true).storage.map(Double.init)
        for i in 0..<d { a[i * d + i] += Double(lambda) }
        let projected = Matrix.product(features, Self.inverse(a, size: d))
        return (0..<features.rows).map { row in
            (0..<d).reduce(Float(0)) { $0 + projected[row, $1] * features[row, $1] }
        }
    }

    /// The inverse of the symmetric positive-definite `size × size` matrix `a` (row-major),
    /// solved in `Double` by Cholesky, as a `Float` matrix.
    private static func inverse(_ a: [Double], size: Int) -> Matrix {
        var identity = Array(repeating: Double(0), count: size * size)
        for i in 0..<size { identity[i * size + i] = 1 }
        let inverse = CholeskySolver.solve(a, size: size, rightHandSides: identity, columns: size) ?? identity
        return Matrix(rows: size, columns: size, storage: inverse.map(Float.init))
    }

    /// `λI + XXᵀ`, row-major `k × k`.
    private func kernel(_ x: Matrix) -> [Double] {
        var gram = Matrix.product(x, x, transposeB: true).storage.map(Double.init)
        for i in 0..<x.rows { gram[i * x.rows + i] += Double(lambda) }
        return gram
    }

    private func rows(_ items: [ItemID]) -> Matrix {
        let d = width
        var storage = [Float]()
        storage.reserveCapacity(items.count * d)
        let source = prior.vectors.matrix.storage
        for item in items { storage += source[(item.index * d)..<((item.index + 1) * d)] }
        return Matrix(rows: items.count, columns: d, storage: storage)
    }
}

// MARK: - Storage footprint

extension LinUCBUser: UserStateFootprint {
    /// The feature rows observed and the reward-weighted sum `b`.
    public var userStateBytes: Int { ByteCount.of(observed) + ByteCount.of(b) }
}

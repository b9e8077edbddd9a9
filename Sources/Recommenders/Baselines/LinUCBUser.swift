import Learning
import RecData

/// One user's LinUCB state and the UCB scores it gives.
///
/// The state is what defines `A = λI + XᵀX` and `b`: the observed feature rows `X` (`k × d`)
/// and `b = λθ₀ + Σ r x`; observing appends a row, in `O(d)`. Products with `A⁻¹` go
/// through the Woodbury identity `A⁻¹ = (I − Xᵀ(λI + XXᵀ)⁻¹X) / λ`, a `k × k` solve, so
/// scoring `n` items costs `n·d·k` instead of the `n·d²` of a dense `A⁻¹` — for a new user
/// `k ≪ d`. Once `k ≥ d` the dense `A⁻¹` is cheaper and is formed instead. Both solve in
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
        let correction = Matrix.product(x, Matrix(rows: k, columns: 1, storage: y.map(Float.init)), transposeA: true).storage
        return zip(b, correction).map { ($0 - $1) / lambda }
    }

    /// The expected reward `θᵀx` of each item.
    public func expectedRewards(for items: [ItemID]) -> [Float] {
        guard !items.isEmpty else { return [] }
        let theta = self.theta
        return Matrix.product(rows(items), Matrix(rows: theta.count, columns: 1, storage: theta)).storage
    }

    /// The confidence width `√(xᵀ A⁻¹ x)` of each item.
    public func confidenceWidths(for items: [ItemID]) -> [Float] {
        guard !items.isEmpty else { return [] }
        let features = rows(items)
        let squares = observations < width ? woodburyQuadraticForms(features) : denseQuadraticForms(features)
        return squares.map { Float(max(0, $0)).squareRoot() }
    }

    /// Upper confidence bounds `θᵀx + α √(xᵀ A⁻¹ x)`.
    public func scores(for candidates: [ItemID]) -> [Float] {
        let widths = alpha == 0 ? Array(repeating: 0, count: candidates.count) : confidenceWidths(for: candidates)
        return zip(expectedRewards(for: candidates), widths).map { $0 + alpha * $1 }
    }

    /// The expected reward as a rating (ratings only).
    public func predictedRatings(for items: [ItemID]) -> [Float]? {
        guard let scale = prior.ratingScale else { return nil }
        return expectedRewards(for: items).map { min(max($0 + prior.offset, scale.lowerBound), scale.upperBound) }
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

    /// `(‖x‖² − pᵀ(λI + XXᵀ)⁻¹p) / λ` with `p = Xx`, for each row `x` of `features`.
    private func woodburyQuadraticForms(_ features: Matrix) -> [Double] {
        let n = features.rows
        let norms = (0..<n).map { row in
            features.storage[(row * width)..<((row + 1) * width)].reduce(Double(0)) { $0 + Double($1) * Double($1) }
        }
        let k = observations
        guard k > 0 else { return norms.map { $0 / Double(lambda) } }
        let x = Matrix(rows: k, columns: width, storage: observed)
        let p = Matrix.product(x, features, transposeB: true).storage.map(Double.init)
        guard let z = CholeskySolver.solve(kernel(x), size: k, rightHandSides: p, columns: n) else { return norms }
        var forms = norms
        for i in 0..<k {
            for j in 0..<n { forms[j] -= p[i * n + j] * z[i * n + j] }
        }
        return forms.map { $0 / Double(lambda) }
    }

    /// `xᵀA⁻¹x` through the dense `A⁻¹`, for each row `x` of `features`.
    private func denseQuadraticForms(_ features: Matrix) -> [Double] {
        let d = width
        let x = Matrix(rows: observations, columns: d, storage: observed)
        var a = Matrix.product(x, x, transposeA: true).storage.map(Double.init)
        for i in 0..<d { a[i * d + i] += Double(lambda) }
        var identity = Array(repeating: Double(0), count: d * d)
        for i in 0..<d { identity[i * d + i] = 1 }
        let inverse = (CholeskySolver.solve(a, size: d, rightHandSides: identity, columns: d) ?? identity).map(Float.init)
        let projected = Matrix.product(features, Matrix(rows: d, columns: d, storage: inverse))
        return (0..<features.rows).map { row in
            (0..<d).reduce(Double(0)) { $0 + Double(projected[row, $1]) * Double(features[row, $1]) }
        }
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

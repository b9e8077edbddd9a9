import Learning
import RecData

/// One user's LinUCB state: `A⁻¹` and `b`, updated online, and the UCB scores they give.
public struct LinUCBUser: Personalized, Sendable {
    let prior: LinUCBPrior
    let alpha: Float
    /// `A⁻¹`, row-major `d × d`.
    private(set) var inverse: [Float]
    /// `b = λθ₀ + Σ r x`.
    private(set) var b: [Float]

    init(prior: LinUCBPrior, alpha: Float, lambda: Float) {
        let d = prior.vectors.width
        self.prior = prior
        self.alpha = alpha
        var inverse = Array(repeating: Float(0), count: d * d)
        for i in 0..<d { inverse[i * d + i] = 1 / lambda }
        self.inverse = inverse
        self.b = prior.theta.map { lambda * $0 }
    }

    /// `θ = A⁻¹ b`.
    public var theta: [Float] {
        let d = b.count
        return (0..<d).map { i in (0..<d).reduce(Float(0)) { $0 + inverse[i * d + $1] * b[$1] } }
    }

    /// The expected reward `θᵀx` of each item.
    public func expectedRewards(for items: [ItemID]) -> [Float] {
        guard !items.isEmpty else { return [] }
        let theta = self.theta
        let features = rows(items)
        return Matrix.product(features, Matrix(rows: theta.count, columns: 1, storage: theta)).storage
    }

    /// The confidence width `√(xᵀ A⁻¹ x)` of each item.
    public func confidenceWidths(for items: [ItemID]) -> [Float] {
        guard !items.isEmpty else { return [] }
        let features = rows(items)
        let projected = Matrix.product(features, Matrix(rows: b.count, columns: b.count, storage: inverse))
        let d = b.count
        return (0..<items.count).map { row in
            max(0, (0..<d).reduce(Float(0)) { $0 + projected[row, $1] * features[row, $1] }).squareRoot()
        }
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

    /// `A += x xᵀ` (by Sherman–Morrison on `A⁻¹`) and `b += r x` for each interaction.
    public mutating func observe(_ feedback: [Interaction]) throws {
        let d = b.count
        for interaction in feedback {
            let x = prior.vectors.vector(interaction.item)
            let reward = prior.ratingScale == nil ? 1 : interaction.value - prior.offset
            let ax = (0..<d).map { i in (0..<d).reduce(Float(0)) { $0 + inverse[i * d + $1] * x[$1] } }
            let denominator = 1 + zip(x, ax).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            for i in 0..<d {
                for j in 0..<d { inverse[i * d + j] -= ax[i] * ax[j] / denominator }
            }
            for i in 0..<d { b[i] += reward * x[i] }
        }
    }

    private func rows(_ items: [ItemID]) -> Matrix {
        let d = prior.vectors.width
        var storage = [Float]()
        storage.reserveCapacity(items.count * d)
        let source = prior.vectors.matrix.storage
        for item in items { storage += source[(item.index * d)..<((item.index + 1) * d)] }
        return Matrix(rows: items.count, columns: d, storage: storage)
    }
}

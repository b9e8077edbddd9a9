import Foundation

/// A preference of one output row over another, for pairwise ranking losses.
public struct PreferencePair: Hashable, Sendable {
    /// The row that should score higher.
    public let positive: Int
    /// The row that should score lower.
    public let negative: Int

    /// Creates a pair.
    public init(positive: Int, negative: Int) {
        self.positive = positive
        self.negative = negative
    }
}

/// A loss on a network's `n × 1` outputs (`n × 2` for ``joint(targets:labels:weight:)``) together with its targets: its value, its
/// gradient with respect to the outputs, and that gradient's R-operator (the loss's
/// Hessian in output space applied to an output tangent).
public enum Objective: Hashable, Sendable {
    /// `(1/n) Σ (pᵢ − tᵢ)²`.
    case meanSquaredError(targets: [Float])
    /// Binary cross-entropy on logits: `(1/n) Σ softplus(zᵢ) − yᵢ zᵢ`, labels in `[0, 1]`.
    case binaryCrossEntropyWithLogits(labels: [Float])
    /// Bayesian personalized ranking (Rendle et al., UAI 2009):
    /// `(1/m) Σ −log σ(s₊ − s₋)` over the pairs.
    case bayesianPersonalizedRanking(pairs: [PreferencePair])
    /// Sampled softmax with the log-Q correction (Jean et al., ACL 2015; Yi et al., RecSys
    /// 2019): each group lists a positive row first, then its sampled negatives; with
    /// `zⱼ = sⱼ − log Qⱼ` (`logQ` per row), `(1/G) Σ_groups −z₊ + log Σⱼ exp zⱼ`.
    case sampledSoftmax(groups: [[Int]], logQ: [Float])
    /// A rating head and a relevance head on `n × 2` outputs: `(1 − w)` times the squared
    /// error of column 0 against `targets` (the first `targets.count` rows) plus `w` times
    /// the binary cross-entropy of column 1's logits against `labels` (every row).
    case joint(targets: [Float], labels: [Float], weight: Float)

    // MARK: - Value

    /// The loss at `outputs`, in `Double`.
    public func value(_ outputs: Matrix) -> Double {
        let p = outputs.storage
        switch self {
        case let .meanSquaredError(targets):
            guard !targets.isEmpty else { return 0 }
            return zip(p, targets).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
                / Double(targets.count)
        case let .binaryCrossEntropyWithLogits(labels):
            guard !labels.isEmpty else { return 0 }
            return zip(p, labels).reduce(0.0) { $0 + Self.softplus(Double($1.0)) - Double($1.1) * Double($1.0) }
                / Double(labels.count)
        case let .bayesianPersonalizedRanking(pairs):
            guard !pairs.isEmpty else { return 0 }
            return pairs.reduce(0.0) { $0 + Self.softplus(-Double(p[$1.positive] - p[$1.negative])) }
                / Double(pairs.count)
        case let .sampledSoftmax(groups, logQ):
            guard !groups.isEmpty else { return 0 }
            return groups.reduce(0.0) { total, group in
                let z = group.map { Double(p[$0] - logQ[$0]) }
                let top = z.max() ?? 0
                return total + top + log(z.reduce(0.0) { $0 + exp($1 - top) }) - z[0]
            } / Double(groups.count)
        case let .joint(targets, labels, weight):
            let rating =
                targets.isEmpty
                ? 0
                : targets.indices.reduce(0.0) { $0 + pow(Double(p[2 * $1] - targets[$1]), 2) } / Double(targets.count)
            let relevance =
                labels.isEmpty
                ? 0
                : labels.indices.reduce(0.0) {
                    $0 + Self.softplus(Double(p[2 * $1 + 1])) - Double(labels[$1] * p[2 * $1 + 1])
                } / Double(labels.count)
            return Double(1 - weight) * rating + Double(weight) * relevance
        }
    }

    // MARK: - Gradient

    /// `∂L/∂p`, shaped like `outputs`.
    public func gradient(_ outputs: Matrix) -> Matrix {
        var gradient = Matrix(zerosLike: outputs)
        let p = outputs.storage
        switch self {
        case let .meanSquaredError(targets):
            let weight = 2 / Float(max(targets.count, 1))
            for i in targets.indices { gradient.storage[i] = weight * (p[i] - targets[i]) }
        case let .binaryCrossEntropyWithLogits(labels):
            let weight = 1 / Float(max(labels.count, 1))
            for i in labels.indices { gradient.storage[i] = weight * (Self.sigmoid(p[i]) - labels[i]) }
        case let .bayesianPersonalizedRanking(pairs):
            let weight = 1 / Float(max(pairs.count, 1))
            for pair in pairs {
                let g = -weight * Self.sigmoid(-(p[pair.positive] - p[pair.negative]))
                gradient.storage[pair.positive] += g
                gradient.storage[pair.negative] -= g
            }
        case let .sampledSoftmax(groups, logQ):
            let weight = 1 / Float(max(groups.count, 1))
            for group in groups {
                let probabilities = Self.softmax(group.map { p[$0] - logQ[$0] })
                for (position, row) in group.enumerated() {
                    gradient.storage[row] += weight * (probabilities[position] - (position == 0 ? 1 : 0))
                }
            }
        case let .joint(targets, labels, weight):
            let ratingWeight = 2 * (1 - weight) / Float(max(targets.count, 1))
            let relevanceWeight = weight / Float(max(labels.count, 1))
            for i in targets.indices { gradient.storage[2 * i] = ratingWeight * (p[2 * i] - targets[i]) }
            for i in labels.indices {
                gradient.storage[2 * i + 1] = relevanceWeight * (Self.sigmoid(p[2 * i + 1]) - labels[i])
            }
        }
        return gradient
    }

    /// `R{∂L/∂p} = ∇²_p L · R{p}`; `nil` when the output tangent is zero.
    public func gradientTangent(_ outputs: Matrix, outputTangent: Matrix?) -> Matrix? {
        guard let tangent = outputTangent else { return nil }
        var result = Matrix(zerosLike: outputs)
        let p = outputs.storage
        let r = tangent.storage
        switch self {
        case let .meanSquaredError(targets):
            let weight = 2 / Float(max(targets.count, 1))
            for i in targets.indices { result.storage[i] = weight * r[i] }
        case let .binaryCrossEntropyWithLogits(labels):
            let weight = 1 / Float(max(labels.count, 1))
            for i in labels.indices {
                let s = Self.sigmoid(p[i])
                result.storage[i] = weight * s * (1 - s) * r[i]
            }
        case let .bayesianPersonalizedRanking(pairs):
            let weight = 1 / Float(max(pairs.count, 1))
            for pair in pairs {
                let s = Self.sigmoid(p[pair.positive] - p[pair.negative])
                let g = weight * s * (1 - s) * (r[pair.positive] - r[pair.negative])
                result.storage[pair.positive] += g
                result.storage[pair.negative] -= g
            }
        case let .sampledSoftmax(groups, logQ):
            let weight = 1 / Float(max(groups.count, 1))
            for group in groups {
                let probabilities = Self.softmax(group.map { p[$0] - logQ[$0] })
                let mean = zip(probabilities, group).reduce(Float(0)) { $0 + $1.0 * r[$1.1] }
                for (position, row) in group.enumerated() {
                    result.storage[row] += weight * probabilities[position] * (r[row] - mean)
                }
            }
        case let .joint(targets, labels, weight):
            let ratingWeight = 2 * (1 - weight) / Float(max(targets.count, 1))
            let relevanceWeight = weight / Float(max(labels.count, 1))
            for i in targets.indices { result.storage[2 * i] = ratingWeight * r[2 * i] }
            for i in labels.indices {
                let s = Self.sigmoid(p[2 * i + 1])
                result.storage[2 * i + 1] = relevanceWeight * s * (1 - s) * r[2 * i + 1]
            }
        }
        return result
    }

    // MARK: - Helpers

    static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    static func softmax(_ logits: [Float]) -> [Float] {
        let top = logits.max() ?? 0
        let exponentials = logits.map { exp($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    static func softplus(_ x: Double) -> Double {
        max(x, 0) + log1p(exp(-abs(x)))
    }
}

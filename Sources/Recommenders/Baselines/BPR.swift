import Foundation
import Learning
import RecData

/// BPR-MF: matrix factorization trained for Bayesian personalized ranking (Rendle,
/// Freudenthaler, Gantner & Schmidt-Thieme, UAI 2009), with fold-in for new users.
///
/// LearnBPR (the paper's §4.2): stochastic gradient ascent on `ln σ(x̂ᵤᵢ − x̂ᵤⱼ)` for
/// triples drawn uniformly with replacement (a user, one of their items `i`, an item `j`
/// they did not interact with), `x̂ᵤᵢ = xᵤ·yᵢ + bᵢ`, one epoch drawing as many triples as
/// there are training interactions. Every interaction counts as a positive.
///
/// A new user's vector is solved in closed form with the items fixed, by Hu et al.'s
/// implicit ridge regression (``RidgeFoldIn/implicit(lambda:alpha:)``) shrunk toward the
/// mean meta-train user, the same fold-in as implicit ALS; with no support the user is
/// that mean user.
public struct BPR: Recommender, Sendable {
    public let name = "bpr"
    /// Number of latent factors.
    public let factors: Int
    /// SGD learning rate.
    public let learningRate: Float
    /// Regularization of user factors, positive-item factors and biases; negative items get a tenth.
    public let regularization: Float
    /// Epochs of LearnBPR.
    public let epochs: Int
    /// Fold-in regularization `λ`.
    public let foldInLambda: Double
    /// Fold-in confidence `α`.
    public let foldInAlpha: Double
    private(set) var model: ItemFactors?

    /// Creates the model.
    public init(
        factors: Int = 32, learningRate: Double = 0.05, regularization: Double = 0.0025, epochs: Int = 30,
        foldInLambda: Double = 1, foldInAlpha: Double = 40
    ) {
        self.factors = factors
        self.learningRate = Float(learningRate)
        self.regularization = Float(regularization)
        self.epochs = epochs
        self.foldInLambda = foldInLambda
        self.foldInAlpha = foldInAlpha
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let itemCount = training.dataset.itemCount
        let positives = training.histories.map { Array(Set($0.map(\.item.index))).sorted() }
        let eligible = positives.indices.filter { !positives[$0].isEmpty && positives[$0].count < itemCount }
        let offsets = positives.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        let flat = positives.flatMap { $0 }
        var initial = random.stream("bpr-init")
        var x = Initialization.normal(rows: positives.count, columns: factors, deviation: 0.1, using: &initial)
        var y = Initialization.normal(rows: itemCount, columns: factors, deviation: 0.1, using: &initial)
        var biases = Array(repeating: Float(0), count: itemCount)
        let draws = positives.reduce(0) { $0 + $1.count }
        var sampler = random.stream("bpr-triples")
        let (rate, reg, f) = (learningRate, regularization, factors)
        for _ in 0..<(eligible.isEmpty ? 0 : epochs) {
            x.storage.withUnsafeMutableBufferPointer { users in
                y.storage.withUnsafeMutableBufferPointer { items in
                    for _ in 0..<draws {
                        let u = eligible[sampler.nextIndex(below: eligible.count)]
                        let own = flat[offsets[u]..<offsets[u + 1]]
                        let i = own[own.startIndex + sampler.nextIndex(below: own.count)]
                        var j = sampler.nextIndex(below: itemCount)
                        while Self.contains(own, j) { j = sampler.nextIndex(below: itemCount) }
                        let (xu, yi, yj) = (u * f, i * f, j * f)
                        var difference = biases[i] - biases[j]
                        for d in 0..<f { difference += users[xu + d] * (items[yi + d] - items[yj + d]) }
                        let g = 1 / (1 + exp(difference))
                        for d in 0..<f {
                            let (user, positive, negative) = (users[xu + d], items[yi + d], items[yj + d])
                            users[xu + d] += rate * (g * (positive - negative) - reg * user)
                            items[yi + d] += rate * (g * user - reg * positive)
                            items[yj + d] += rate * (-g * user - reg / 10 * negative)
                        }
                        biases[i] += rate * (g - reg * biases[i])
                        biases[j] += rate * (-g - reg * biases[j])
                    }
                }
            }
            guard y.isFinite, x.isFinite else {
                throw BaselineError.diverged(model: name, detail: "non-finite factors")
            }
        }
        model = ItemFactors(
            factors: y, biases: biases, offset: 0, foldIn: .implicit(lambda: foldInLambda, alpha: foldInAlpha),
            ratingScale: nil, users: x
        )
    }

    /// Whether the sorted `items` hold `item` (binary search).
    private static func contains(_ items: ArraySlice<Int>, _ item: Int) -> Bool {
        var (low, high) = (items.startIndex, items.endIndex)
        while low < high {
            let middle = (low + high) / 2
            if items[middle] < item { low = middle + 1 } else { high = middle }
        }
        return low < items.endIndex && items[low] == item
    }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        guard let model else { throw BaselineError.notFitted(model: name) }
        return model.user(support)
    }
}

// MARK: - Storage footprint

extension BPR: SharedModelFootprint {
    /// The item factors and what fold-in needs.
    public var sharedModelBytes: Int? { model?.bytes }
}

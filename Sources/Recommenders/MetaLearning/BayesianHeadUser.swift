import Foundation
import Learning
import RecData

/// A user served by a Bayesian linear head: the shared representation, and the exact
/// posterior over the head's weights given what the user did, updated exactly (rank-one
/// per interaction) as feedback arrives. Ranks by the posterior mean, a posterior draw
/// (Thompson sampling) or an upper confidence bound.
public struct BayesianHeadUser: Personalized, Sendable {
    /// The user.
    public let user: UserID
    /// The posterior over the head's weights.
    public private(set) var posterior: GaussianPosterior
    private let parameters: ParameterSet
    private let network: FeatureNetwork
    private let factory: MetaTaskFactory
    private let prior: GaussianPrior
    private let exploration: Exploration
    private var statistics: SufficientStatistics
    private var seen: [Interaction]
    /// The representation of every item of the catalogue for this user, once computed: the
    /// shared parameters do not adapt, so it holds for every round. Kept only for a
    /// catalogue of at most `catalogCacheLimit` representation values.
    private var catalog = CatalogCache<Matrix>()
    /// The model's representations of the catalogue per user profile, which this user's is
    /// read from when another user of its profile computed it.
    private let profiles: ProfileCatalogCache
    /// The rows of the catalogue's first layer (one per chunk), what varies from item to
    /// item, shared by the model's users: a profile's representation adds its own
    /// features' row to them instead of projecting every item's fields again (`nil`: each
    /// representation computed whole).
    private let firstLayers: CatalogCache<[Matrix?]>?

    /// The most representation values (items × features) a user keeps for its catalogue:
    /// 1 MiB of floats, so that the drift protocol's hundreds of served users stay small
    /// in memory; a larger catalogue is encoded again at every scoring.
    static let catalogCacheLimit = 1 << 18

    /// Creates the user's posterior from its support interactions; `nil` when the posterior
    /// is not positive definite.
    init?(
        user: UserID, support: [Interaction], parameters: ParameterSet, network: FeatureNetwork,
        factory: MetaTaskFactory, prior: GaussianPrior, exploration: Exploration,
        profiles: ProfileCatalogCache, firstLayers: CatalogCache<[Matrix?]>?
    ) {
        self.user = user
        self.profiles = profiles
        self.firstLayers = firstLayers
        self.parameters = parameters
        self.network = network
        self.factory = factory
        self.prior = prior
        self.exploration = exploration
        statistics = SufficientStatistics(prior: prior)
        seen = []
        guard let posterior = prior.unobserved else { return nil }
        self.posterior = posterior
        guard (try? observe(support)) != nil else { return nil }
    }

    /// Scores as `exploration` says: the posterior mean, a draw's scores, or the mean
    /// plus the bound's standard deviations.
    public func scores(for candidates: [ItemID]) -> [Float] {
        var weights: [Double]?
        if exploration == .thompson {
            var random = RandomSource(seed: UInt64(user.rawValue)).stream("thompson").stream(UInt64(seen.count))
            weights = posterior.sample(normals: (0..<posterior.size).map { _ in random.nextGaussian() })
        }
        let itemCount = factory.encoder.itemCount
        if cachesCatalog, catalog.serves(candidates.count, of: itemCount) {
            let columns = catalogColumns(itemCount)
            var all = posterior.scores(columns: columns, weights: weights)
            addBound(to: &all) { columns.transposed }
            return candidates.map { all[$0.index] }
        }
        return factory.encoder.chunks(user: user, items: candidates) { batch in
            let features = network.features(batch, parameters: parameters)
            var scores = posterior.scores(features, weights: weights)
            addBound(to: &scores) { features }
            return scores
        }.flatMap { $0 }
    }

    /// Adds the upper confidence bound's standard deviations of the rows of `features`
    /// (made only when exploring by one) to their scores.
    private func addBound(to scores: inout [Float], features: () -> Matrix) {
        guard case let .upperConfidenceBound(weight) = exploration else { return }
        for (index, variance) in posterior.weightVariance(features()).enumerated() {
            scores[index] += Float(weight * variance.squareRoot())
        }
    }

    /// The width of the representation.
    private var featureWidth: Int { network.layers[network.layers.count - 1].inputWidth }

    /// Whether the catalogue's representation is small enough to keep.
    private var cachesCatalog: Bool { factory.encoder.itemCount * featureWidth <= Self.catalogCacheLimit }

    /// The representation of every item of the catalogue, one column per item in id order
    /// (a row per feature, so that scoring runs over the items side by side), computed
    /// once in chunks per user profile from the model's first-layer rows of the catalogue.
    private func catalogColumns(_ itemCount: Int) -> Matrix {
        catalog.value {
            profiles.value(for: factory.encoder.profile(of: user)) {
                let firstRows = firstLayers?.value {
                    factory.encoder.catalogChunks(user: user) {
                        network.fieldwiseFirstLayerRows($0, parameters: parameters)
                    }
                }
                var chunk = 0
                let chunks = factory.encoder.catalogChunks(user: user) { batch in
                    defer { chunk += 1 }
                    return network.features(batch, parameters: parameters, firstRows: firstRows?[chunk])
                }
                return Matrix(rows: itemCount, columns: featureWidth, storage: chunks.flatMap(\.storage)).transposed
            }
        }
    }

    /// The posterior mean's ratings clipped to the scale; `nil` for implicit feedback.
    public func predictedRatings(for items: [ItemID]) -> [Float]? {
        guard factory.feedback.hasRatings else { return nil }
        let scale = factory.feedback.scale
        let itemCount = factory.encoder.itemCount
        let features: Matrix
        if cachesCatalog, catalog.serves(items.count, of: itemCount) {
            let all = catalogColumns(itemCount)
            features = Matrix(
                rows: items.count, columns: all.rows,
                storage: items.flatMap { item in (0..<all.rows).map { all.storage[$0 * itemCount + item.index] } })
        } else {
            features = network.features(factory.encoder.batch(user: user, items: items), parameters: parameters)
        }
        return posterior.scores(features).map { min(max($0, scale.lowerBound), scale.upperBound) }
    }

    /// The exact posterior update on the new feedback (negatives sampled for implicit
    /// feedback as in training).
    public mutating func observe(_ feedback: [Interaction]) throws {
        guard !feedback.isEmpty else { return }
        var random = RandomSource(seed: UInt64(user.rawValue)).stream(UInt64(seen.count))
        seen += feedback
        let (batch, objective) = factory.labelled(
            user: user, interactions: feedback, known: Set(seen.map(\.item)), objective: factory.objectives.support,
            random: &random
        )
        let features = network.representation(batch, parameters: parameters).features
        statistics.observe(
            features: features, targets: objective.regressionTargets(rows: features.rows),
            noiseVariance: prior.noiseVariance)
        guard let updated = statistics.posterior(noiseVariance: prior.noiseVariance) else {
            throw BayesianHeadError.notPositiveDefinite(user: user)
        }
        posterior = updated
    }

    /// Forgets the catalogue's representation this user computed (`ReusablePersonalized`).
    mutating func resetCatalog() {
        catalog = CatalogCache()
    }
}

/// Why a Bayesian head could not serve a user.
public enum BayesianHeadError: Error, Equatable, CustomStringConvertible {
    /// The posterior precision stopped being positive definite (non-finite features).
    case notPositiveDefinite(user: UserID)

    public var description: String {
        switch self {
        case let .notPositiveDefinite(user):
            return
                "bayesian-head: the posterior precision of user \(user.rawValue) is not positive definite (non-finite features)"
        }
    }
}

// MARK: - Adaptation

extension MetaLearner {
    /// The Bayesian head's user: its exact posterior given `support`.
    func bayesianUser(to support: [Interaction], user: UserID, exploration: Exploration) throws -> BayesianHeadUser {
        guard let trained else { throw MetaLearningError.notFitted(model: name) }
        guard let prior = trained.gaussianPrior,
            let served = BayesianHeadUser(
                user: user, support: support, parameters: trained.parameters, network: trained.network,
                factory: trained.factory, prior: prior, exploration: exploration, profiles: trained.profileCatalogs,
                firstLayers: trained.firstLayers
            )
        else { throw BayesianHeadError.notPositiveDefinite(user: user) }
        return served
    }
}

// MARK: - Storage footprint

extension BayesianHeadUser: UserStateFootprint {
    /// The posterior (mean and its `d × d` Cholesky factor), the sufficient statistics it is updated
    /// from and the interactions remembered (not the catalogue's representation it computes
    /// when it first scores, after the footprint is taken).
    public var userStateBytes: Int {
        ByteCount.of(posterior.mean) + ByteCount.of(posterior.size * posterior.size, Double.self)
            + ByteCount.of(statistics.precision)
            + ByteCount.of(statistics.information) + ByteCount.of(seen)
    }
}

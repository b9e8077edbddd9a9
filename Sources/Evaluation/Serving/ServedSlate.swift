import RecData
import Recommenders

/// One slate a model served one user in a simulated world: the slate, the user's answer,
/// the slate metrics' values for the user and the probability that the oracle's own slate
/// would have been accepted.
///
/// The drift and onboarding protocols serve slates through it, so both score slates the
/// same way: `hr@k` is 1 when the user's answer is among the top k of the slate; the
/// oracle-relative metrics compare the slate with the oracle's best of `pool` at `time`.
struct ServedSlate {
    /// The model's best `slateSize` items of the pool, best first.
    let slate: [ItemID]
    /// The user's answer, or `nil` when they picked nothing (or left no logged feedback).
    let response: Interaction?
    /// The value of each measurable metric, in the order asked.
    let values: [(metric: Metric, value: Double)]
    /// The probability that the user accepts the oracle's slate of the same size.
    let oracleAcceptance: Double

    /// Shows `user` the slate `personalized` ranks best among `pool` at `time`, and draws
    /// the user's answer from `answers`. The ``OracleRanking`` model ranks by the world's
    /// true utilities at `time`.
    /// - Throws: ``EvaluationError/wrongScoreCount(model:expected:received:)``.
    init(
        serving personalized: any Personalized, model: String, user: UserID, pool: [ItemID], at time: Int64,
        environment: any DriftEnvironment, slateSize: Int, metrics: [Metric], answers: inout RandomSource
    ) throws {
        let scores =
            personalized is OracleRanking
            ? environment.utilities(user: user, items: pool, at: time).map(Float.init)
            : personalized.scores(for: pool)
        guard scores.count == pool.count else {
            throw EvaluationError.wrongScoreCount(model: model, expected: pool.count, received: scores.count)
        }
        let recommended = TopList.bestPositions(slateSize, of: pool, scores: scores)
        let slate = recommended.map { pool[$0] }
        let depth = max(slateSize, metrics.compactMap(\.cutoff).max() ?? 0)
        let oracle = OracleUtilities(environment.utilities(user: user, items: pool, at: time), depth: depth)
        let response = environment.respond(user: user, slate: slate, at: time, random: &answers)
        let oracleSlate = Self.oracleSlate(pool: pool, utilities: oracle.utilities, size: slateSize)
        self.slate = slate
        self.response = response
        self.oracleAcceptance = environment.acceptance(user: user, slate: oracleSlate, at: time)
        self.values = metrics.compactMap { metric in
            switch metric {
            case let .hitRate(k): return (metric, response.map { slate.prefix(k).contains($0.item) ? 1 : 0 } ?? 0)
            case let .oracleNDCG(k):
                return (metric, OracleRelative.ndcg(recommended: recommended, oracle: oracle, k: k))
            case let .oracleShare(k):
                return (metric, OracleRelative.utilityShare(recommended: recommended, oracle: oracle, k: k))
            case let .regret(k): return (metric, OracleRelative.regret(recommended: recommended, oracle: oracle, k: k))
            default: return nil
            }
        }
    }

    /// The `size` items of highest utility, best first; ties go to the lower item id.
    static func oracleSlate(pool: [ItemID], utilities: [Double], size: Int) -> [ItemID] {
        TopList.bestPositions(size, of: pool, values: utilities).map { pool[$0] }
    }

    /// Whether a metric can be measured on a served slate.
    static func measures(_ metric: Metric) -> Bool {
        switch metric {
        case .hitRate, .oracleNDCG, .oracleShare, .regret: return true
        default: return false
        }
    }

    /// The oracle's level of `metric` on one slate: the acceptance probability of its slate
    /// for `hr@k`, 1 for the oracle-relative shares, 0 for regret.
    func oracleLevel(of metric: Metric) -> Double {
        switch metric {
        case .hitRate: return oracleAcceptance
        case .oracleNDCG, .oracleShare: return 1
        default: return 0
        }
    }
}

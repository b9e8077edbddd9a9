/// Dispatches a ranking-accuracy ``Metric`` to its definition.
public enum RankingAccuracy {
    /// The value of `metric` for one user's ranking, or `nil` when `metric` is not a
    /// ranking-accuracy metric.
    public static func value(of metric: Metric, for relevance: RankedRelevance) -> Double? {
        switch metric {
        case let .ndcg(k, gain): return NormalizedDCG.value(relevance, k: k, gain: gain)
        case let .hitRate(k): return HitRate.value(relevance, k: k)
        case let .precision(k): return Precision.value(relevance, k: k)
        case let .recall(k): return Recall.value(relevance, k: k)
        case let .reciprocalRank(k): return MeanReciprocalRank.value(relevance, k: k)
        case let .averagePrecision(k): return AveragePrecision.value(relevance, k: k)
        case .auc: return AreaUnderCurve.value(relevance)
        default: return nil
        }
    }
}

/// Area under the ROC curve of one user's ranking: the probability that a random relevant
/// item is ranked above a random non-relevant one, tied pairs counting one half
/// (the Mann–Whitney U statistic divided by the number of pairs; Hanley & McNeil,
/// "The meaning and use of the area under a ROC curve", Radiology 1982).
public enum AreaUnderCurve {
    /// AUC in `[0, 1]`: 1 − misordered pairs / (relevant × non-relevant). 0 when the user
    /// has no relevant item or nothing was ranked; 1 when every ranked item is relevant
    /// (no pair can be wrong).
    public static func value(_ relevance: RankedRelevance) -> Double {
        guard relevance.relevantCount > 0, relevance.rankedCount > 0 else { return 0 }
        let pairs = Double(relevance.relevantCount) * Double(relevance.nonRelevantCount)
        guard pairs > 0 else { return 1 }
        return 1 - relevance.misorderedPairs / pairs
    }
}

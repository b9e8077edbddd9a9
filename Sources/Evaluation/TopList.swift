import RecData

/// Picks the best-scored candidates of a ranking.
public enum TopList {
    /// The `count` candidates with the highest scores, best first.
    ///
    /// Ties are broken by the lower item id, so that rankings are deterministic and a
    /// constant scorer ranks in catalog order; a NaN score ranks last.
    public static func best(_ count: Int, of candidates: [ItemID], scores: [Float]) -> [ItemID] {
        bestPositions(count, of: candidates, scores: scores).map { candidates[$0] }
    }

    /// The positions in `candidates` of the `count` best-scored candidates, best first,
    /// in the order of ``best(_:of:scores:)``.
    public static func bestPositions(_ count: Int, of candidates: [ItemID], scores: [Float]) -> [Int] {
        bestPositions(count, of: candidates, scores: scores, worst: -Float.infinity)
    }

    /// The positions of the `count` highest of `values` (say, true utilities), best first;
    /// ties go to the lower item id, a NaN value ranks last. A partial selection, linear in
    /// the candidates for a short list.
    public static func bestPositions(_ count: Int, of candidates: [ItemID], values: [Double]) -> [Int] {
        bestPositions(count, of: candidates, scores: values, worst: -Double.infinity)
    }

    private static func bestPositions<Score: FloatingPoint>(
        _ count: Int, of candidates: [ItemID], scores: [Score], worst: Score
    ) -> [Int] {
        precondition(candidates.count == scores.count, "one score per candidate")
        guard count > 0 else { return [] }
        let ranked = { (index: Int) -> Score in scores[index].isNaN ? worst : scores[index] }
        let order = { (a: Int, b: Int) -> Bool in
            ranked(a) != ranked(b) ? ranked(a) > ranked(b) : candidates[a] < candidates[b]
        }
        var kept = [Int]()
        kept.reserveCapacity(count + 1)
        for index in candidates.indices {
            if kept.count == count {
                // Most candidates score below the last one kept: rejected on the score alone
                // (a NaN score compares false and takes the full test).
                guard let last = kept.last, !(scores[index] < ranked(last)), order(index, last) else { continue }
                kept.removeLast()
            }
            let position = kept.firstIndex { order(index, $0) } ?? kept.count
            kept.insert(index, at: position)
        }
        return kept
    }
}

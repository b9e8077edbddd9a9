import RecData

/// One user's ranking reduced to what the ranking-accuracy metrics need: where the
/// relevant items ended up and how relevant they are.
///
/// An item is relevant when its grade is positive; binary metrics (HR, precision, recall,
/// MRR, MAP, AUC) ignore the grade's size, nDCG uses it as gain. Relevant items that were
/// not ranked at all (a TREC run that did not retrieve them) count towards the ideal
/// ranking and recall, never as hits.
public struct RankedRelevance: Hashable, Sendable {
    /// How many items were ranked (the candidates).
    public let rankedCount: Int
    /// One-based positions of the ranked relevant items, ascending.
    public let relevantRanks: [Int]
    /// Grades of the ranked relevant items, aligned with ``relevantRanks``.
    public let rankedGrades: [Double]
    /// Grades of every relevant item, ranked or not, in descending order: the ideal ranking.
    public let idealGrades: [Double]
    /// (relevant, non-relevant) pairs in the wrong order, a tied pair counting one half;
    /// unranked relevant items are below every ranked non-relevant one.
    public let misorderedPairs: Double

    /// The number of relevant items, ranked or not.
    public var relevantCount: Int { idealGrades.count }
    /// The number of ranked items that are not relevant.
    public var nonRelevantCount: Int { rankedCount - relevantRanks.count }

    /// Creates a value from its parts (for tests and other protocols).
    public init(
        rankedCount: Int, relevantRanks: [Int], rankedGrades: [Double], idealGrades: [Double], misorderedPairs: Double
    ) {
        precondition(relevantRanks.count == rankedGrades.count, "one grade per ranked relevant item")
        self.rankedCount = rankedCount
        self.relevantRanks = relevantRanks
        self.rankedGrades = rankedGrades
        self.idealGrades = idealGrades.sorted(by: >)
        self.misorderedPairs = misorderedPairs
    }

    // MARK: - From an explicit ranking

    /// The relevance of a ranking given best first, such as a TREC run.
    ///
    /// - Parameters:
    ///   - ranking: the ranked items, best first, without repeats.
    ///   - grades: the judged items' grades; only positive grades are relevant.
    public init<Item: Hashable>(ranking: [Item], grades: [Item: Double]) {
        var ranks = [Int]()
        var rankedGrades = [Double]()
        var misordered = 0.0
        for (offset, item) in ranking.enumerated() {
            guard let grade = grades[item], grade > 0 else { continue }
            misordered += Double(offset - ranks.count)
            ranks.append(offset + 1)
            rankedGrades.append(grade)
        }
        let ideal = grades.values.filter { $0 > 0 }
        let unranked = ideal.count - ranks.count
        misordered += Double(unranked) * Double(ranking.count - ranks.count)
        self.init(
            rankedCount: ranking.count, relevantRanks: ranks, rankedGrades: rankedGrades,
            idealGrades: ideal, misorderedPairs: misordered
        )
    }

    // MARK: - From scores

    /// The relevance of the full ranking of `candidates` by `scores`, in ``TopList``'s
    /// order: higher score first, ties broken by the lower item id, NaN last. Pairs with
    /// equal scores count one half towards ``misorderedPairs``, so a constant scorer has
    /// an AUC of exactly 0.5 whatever the tie-break.
    ///
    /// Costs O(n·r) comparisons for n candidates and r relevant items, made several at a
    /// time without a branch, and no hashing per candidate: grades are looked up by item
    /// index. The full ranking is never sorted.
    public init(candidates: [ItemID], scores: [Float], grades: [ItemID: Double]) {
        precondition(candidates.count == scores.count, "one score per candidate")
        let clean = scores.map { $0.isNaN ? -Float.infinity : $0 }
        let precedes = { (a: Int, b: Int) -> Bool in
            clean[a] != clean[b] ? clean[a] > clean[b] : candidates[a] < candidates[b]
        }
        let candidateGrades = Self.grades(of: candidates, from: grades)
        let relevant = candidates.indices.filter { candidateGrades[$0] > 0 }.sorted(by: precedes)
        // Twice the misordered pairs, so that tied pairs (one half each) count in integers.
        var twiceMisordered = 0
        var ranks = [Int]()
        ranks.reserveCapacity(relevant.count)
        clean.withUnsafeBufferPointer { clean in
            candidates.withUnsafeBytes { ids in
                for index in relevant {
                    let score = clean[index]
                    let all = Self.counts(around: score, in: clean)
                    // Its rank: one plus the candidates ahead of it, scoring higher or tied with a lower id.
                    let tiedAhead =
                        all.tied > 1 ? Self.tiedAhead(candidates[index].rawValue, score: score, in: clean, ids: ids) : 0
                    ranks.append(1 + all.above + tiedAhead)
                    // The pairs it forms with non-relevant candidates scoring higher (whole) or the same (half).
                    var relevantAbove = 0
                    var relevantTied = 0
                    for other in relevant {
                        relevantAbove += clean[other] > score ? 1 : 0
                        relevantTied += clean[other] == score ? 1 : 0
                    }
                    twiceMisordered += 2 * (all.above - relevantAbove) + (all.tied - relevantTied)
                }
            }
        }
        var misordered = Double(twiceMisordered) / 2
        let positiveGrades = grades.values.filter { $0 > 0 }
        misordered += Double(positiveGrades.count - relevant.count) * Double(candidates.count - relevant.count)
        self.init(
            rankedCount: candidates.count, relevantRanks: ranks,
            rankedGrades: relevant.map { candidateGrades[$0] },
            idealGrades: positiveGrades, misorderedPairs: misordered
        )
    }

    /// How many of `scores` are above `score` and equal to it, counted eight at a time: each
    /// comparison gives a lane of all ones (−1) or zeros, subtracted from the counts.
    private static func counts(around score: Float, in scores: UnsafeBufferPointer<Float>) -> (above: Int, tied: Int) {
        let threshold = SIMD8<Float>(repeating: score)
        var above = SIMD8<Int32>.zero
        var tied = SIMD8<Int32>.zero
        var start = 0
        if let base = scores.baseAddress {
            let raw = UnsafeRawPointer(base)
            while start + 8 <= scores.count {
                let chunk = raw.loadUnaligned(fromByteOffset: start * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
                above &-= unsafeBitCast(chunk .> threshold, to: SIMD8<Int32>.self)
                tied &-= unsafeBitCast(chunk .== threshold, to: SIMD8<Int32>.self)
                start += 8
            }
        }
        var counts = (above: Int(above.wrappedSum()), tied: Int(tied.wrappedSum()))
        for value in scores[start...] {
            counts.above += value > score ? 1 : 0
            counts.tied += value == score ? 1 : 0
        }
        return counts
    }

    /// How many of `scores` equal `score` with an item id below `id` (`ids` holds the
    /// candidates' ids, aligned with `scores`; an ``ItemID`` is its raw `UInt32` in memory),
    /// counted eight at a time.
    private static func tiedAhead(
        _ id: UInt32, score: Float, in scores: UnsafeBufferPointer<Float>, ids: UnsafeRawBufferPointer
    ) -> Int {
        precondition(MemoryLayout<ItemID>.stride == MemoryLayout<UInt32>.stride, "an item id is its raw value")
        let threshold = SIMD8<Float>(repeating: score)
        let bound = SIMD8<UInt32>(repeating: id)
        var ahead = SIMD8<Int32>.zero
        var start = 0
        if let base = scores.baseAddress, let idBase = ids.baseAddress {
            let raw = UnsafeRawPointer(base)
            while start + 8 <= scores.count {
                let chunk = raw.loadUnaligned(fromByteOffset: start * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
                let chunkIDs = idBase.loadUnaligned(
                    fromByteOffset: start * MemoryLayout<UInt32>.stride, as: SIMD8<UInt32>.self)
                ahead &-=
                    unsafeBitCast(chunk .== threshold, to: SIMD8<Int32>.self)
                    & unsafeBitCast(chunkIDs .< bound, to: SIMD8<Int32>.self)
                start += 8
            }
        }
        var count = Int(ahead.wrappedSum())
        for offset in start..<scores.count {
            let other = ids.loadUnaligned(fromByteOffset: offset * MemoryLayout<UInt32>.stride, as: UInt32.self)
            count += scores[offset] == score && other < id ? 1 : 0
        }
        return count
    }

    /// Each candidate's grade (0 when ungraded), read from an array indexed by item rather
    /// than by hashing every candidate. Item ids are dense indices into the catalog, so the
    /// array is no larger than the catalog.
    private static func grades(of candidates: [ItemID], from grades: [ItemID: Double]) -> [Double] {
        guard !grades.isEmpty else { return Array(repeating: 0, count: candidates.count) }
        let largest = candidates.reduce(0) { max($0, $1.index) }
        var byItem = Array(repeating: 0.0, count: largest + 1)
        for (item, grade) in grades where item.index <= largest {
            byItem[item.index] = grade
        }
        return candidates.map { byItem[$0.index] }
    }
}

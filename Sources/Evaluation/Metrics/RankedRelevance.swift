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
    /// Costs O(n log r) for n candidates and r relevant items, without hashing per
    /// candidate: grades are looked up by item index. The full ranking is never sorted.
    public init(candidates: [ItemID], scores: [Float], grades: [ItemID: Double]) {
        precondition(candidates.count == scores.count, "one score per candidate")
        let clean = scores.map { $0.isNaN ? -Float.infinity : $0 }
        let precedes = { (a: Int, b: Int) -> Bool in
            clean[a] != clean[b] ? clean[a] > clean[b] : candidates[a] < candidates[b]
        }
        let candidateGrades = Self.grades(of: candidates, from: grades)
        let relevant = candidates.indices.filter { candidateGrades[$0] > 0 }.sorted(by: precedes)
        let ascendingScores = relevant.map { clean[$0] }.sorted()
        let lowestRelevant = ascendingScores.first ?? .infinity
        var beatenBefore = Array(repeating: 0, count: relevant.count + 1)
        var misordered = 0.0
        for index in candidates.indices where candidateGrades[index] <= 0 {
            guard clean[index] >= lowestRelevant else {
                beatenBefore[relevant.count] += 1
                continue
            }
            let below = Self.lowerBound(clean[index], in: ascendingScores)
            // Untied, the relevant items ranked above it are exactly those scoring higher.
            guard below < ascendingScores.count, ascendingScores[below] == clean[index] else {
                beatenBefore[relevant.count - below] += 1
                misordered += Double(below)
                continue
            }
            let tied = Self.upperBound(clean[index], in: ascendingScores) - below
            beatenBefore[Self.relevantPreceding(index, in: relevant, precedes: precedes)] += 1
            misordered += Double(below) + 0.5 * Double(tied)
        }
        var ranks = [Int]()
        ranks.reserveCapacity(relevant.count)
        var nonRelevantAbove = 0
        for position in relevant.indices {
            nonRelevantAbove += beatenBefore[position]
            ranks.append(position + 1 + nonRelevantAbove)
        }
        let positiveGrades = grades.values.filter { $0 > 0 }
        misordered += Double(positiveGrades.count - relevant.count) * Double(candidates.count - relevant.count)
        self.init(
            rankedCount: candidates.count, relevantRanks: ranks,
            rankedGrades: relevant.map { candidateGrades[$0] },
            idealGrades: positiveGrades, misorderedPairs: misordered
        )
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

    // MARK: - Searching

    /// How many of the ordered `relevant` indices precede `index`.
    private static func relevantPreceding(_ index: Int, in relevant: [Int], precedes: (Int, Int) -> Bool) -> Int {
        var low = 0
        var high = relevant.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(relevant[middle], index) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of values in ascending `sorted` that are below `value`.
    private static func lowerBound(_ value: Float, in sorted: [Float]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of values in ascending `sorted` that are at most `value`.
    private static func upperBound(_ value: Float, in sorted: [Float]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

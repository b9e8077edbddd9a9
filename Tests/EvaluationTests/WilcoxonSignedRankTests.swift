import Evaluation
import Testing

/// Reference values: textbook critical values, hand enumeration, and
/// `scipy.stats.wilcoxon` 1.17.1 (computed once with python3 and hard-coded here).
@Suite("Wilcoxon signed-rank test")
struct WilcoxonSignedRankTests {
    /// Differences with ranks 1…n whose negative ranks sum to `t` (largest ranks first).
    private func differences(n: Int, negativeRankSum t: Int) -> [Double] {
        var remaining = t
        var negative = Set<Int>()
        for rank in stride(from: n, through: 1, by: -1) where rank <= remaining {
            negative.insert(rank)
            remaining -= rank
        }
        return (1...n).map { negative.contains($0) ? -Double($0) : Double($0) }
    }

    @Test(
        "two-sided 5 % critical values of the tables: n = 10 → 8, n = 15 → 25, n = 20 → 52",
        arguments: [(10, 8), (15, 25), (20, 52)])
    func criticalValues(n: Int, critical: Int) {
        let atCritical = WilcoxonSignedRank(differences: differences(n: n, negativeRankSum: critical))
        let above = WilcoxonSignedRank(differences: differences(n: n, negativeRankSum: critical + 1))
        #expect(atCritical.statistic == Double(critical))
        #expect(atCritical.method == .exact)
        #expect(atCritical.pValue <= 0.05)
        #expect(above.pValue > 0.05)
    }

    @Test("exact p-values of the critical values match scipy")
    func exactTablePValues() {
        // scipy.stats.wilcoxon(d, method="exact").pvalue
        #expect(
            abs(WilcoxonSignedRank(differences: differences(n: 10, negativeRankSum: 8)).pValue - 0.048828125) < 1e-12)
        #expect(
            abs(WilcoxonSignedRank(differences: differences(n: 10, negativeRankSum: 9)).pValue - 0.064453125) < 1e-12)
        #expect(
            abs(WilcoxonSignedRank(differences: differences(n: 20, negativeRankSum: 52)).pValue - 0.04844093322753906)
                < 1e-12)
    }

    @Test("small sample without ties: exact p as scipy")
    func exactSmall() {
        let test = WilcoxonSignedRank(differences: [1.5, -0.5, 2.0, 3.5, -1.0, 4.0, 2.5, 0.8])
        // Ranks of |d|: 0.5→1, 0.8→2, 1.0→3, 1.5→4, 2.0→5, 2.5→6, 3.5→7, 4.0→8; W− = 1 + 3.
        #expect(test.negativeRankSum == 4)
        #expect(test.positiveRankSum == 32)
        #expect(test.n == 8)
        // scipy.stats.wilcoxon(d, method="exact") → statistic 4.0, pvalue 0.0546875
        #expect(test.pValue == 0.0546875)
        #expect(test.z == nil)
    }

    @Test("ties and a zero: exact permutation distribution of the midranks")
    func exactWithTies() {
        let test = WilcoxonSignedRank(differences: [1, -2, 2, 3, -3, 3, 4, 0])
        // The zero is dropped; midranks 1, 2.5, 2.5, 5, 5, 5, 7.
        #expect(test.n == 7)
        #expect(test.positiveRankSum == 20.5)
        #expect(test.negativeRankSum == 7.5)
        // Enumerating all 2^7 sign assignments of the midranks (python3, itertools.product):
        // P(W+ ≥ 20.5) = 0.1640625 ⇒ two-sided p = 0.328125.
        #expect(abs(test.pValue - 0.328125) < 1e-12)
        #expect(abs(EffectSize.rankBiserial(test) - 0.4642857142857143) < 1e-12)
    }

    @Test("large sample: normal approximation with tie and continuity corrections, as scipy")
    func normalApproximation() {
        let differences = (0..<60).map { Double(($0 * 7) % 11 - 4) / 2 }
        let test = WilcoxonSignedRank(differences: differences)
        #expect(test.method == .normal)
        #expect(test.n == 55)
        #expect(test.positiveRankSum == 1045)
        #expect(test.negativeRankSum == 495)
        // scipy.stats.wilcoxon(d, method="approx", correction=True, zero_method="wilcox")
        // → statistic 495.0, pvalue 0.020921122942308305, zstatistic −2.309404907878545
        // (scipy reports z for min(W+, W−); ours is for W+, hence the sign).
        #expect(abs((test.z ?? 0) - 2.309404907878545) < 1e-9)
        #expect(abs(test.pValue - 0.020921122942308305) < 1e-9)
    }

    @Test("no differences at all: p = 1")
    func allZero() {
        let test = WilcoxonSignedRank(differences: [0, 0, 0])
        #expect(test.n == 0)
        #expect(test.pValue == 1)
        #expect(EffectSize.rankBiserial(test) == 0)
    }

    @Test("midranks")
    func midranks() {
        #expect(WilcoxonSignedRank.midranks([3, 1, 3, 2, 3]) == [4, 1, 4, 2, 4])
    }

    @Test("paired samples and their differences agree")
    func pairedSamples() {
        let x = [3.0, 2.5, 4.0, 3.5, 3.0, 3.25, 4.25, 3.75, 2.75, 3.5]
        let y = [2.75, 2.5, 3.5, 3.0, 3.25, 3.0, 3.5, 4.0, 2.0, 3.0]
        let test = WilcoxonSignedRank(x, y)
        #expect(test.positiveRankSum == 40)
        #expect(test.negativeRankSum == 5)
        // Exact enumeration of the 2^9 sign assignments (python3): p = 0.04296875.
        #expect(abs(test.pValue - 0.04296875) < 1e-12)
    }
}

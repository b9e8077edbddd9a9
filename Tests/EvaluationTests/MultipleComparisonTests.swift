import Evaluation
import RecData
import Testing

@Suite("Holm–Bonferroni, seeds and paired comparisons")
struct MultipleComparisonTests {
    @Test("Holm-adjusted p-values by hand")
    func holmAdjusted() {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max so far 0.06.
        let adjusted = HolmBonferroni.adjust([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (value, target) in zip(adjusted, expected) { #expect(abs(value - target) < 1e-15) }
        #expect(HolmBonferroni.adjust([0.5, 0.9]) == [1, 1])
        #expect(HolmBonferroni.adjust([]) == [])
    }

    @Test("Holm's step-down rejections stop at the first failure")
    func holmRejections() {
        // α/m steps: 0.0125, 0.0167, 0.025, 0.05. 0.005 ≤ 0.0125 and 0.01 ≤ 0.0167 are
        // rejected; 0.03 > 0.025 stops, so 0.04 is kept although 0.04 ≤ 0.05.
        #expect(HolmBonferroni.rejections([0.01, 0.04, 0.03, 0.005]) == [true, false, false, true])
        let p = [0.001, 0.2, 0.013, 0.02, 0.04]
        #expect(HolmBonferroni.rejections(p) == HolmBonferroni.adjust(p).map { $0 <= 0.05 })
    }

    @Test("mean and standard deviation across seeds")
    func seeds() {
        let summary = SeedSummary([0.40, 0.42, 0.44])
        #expect(abs(summary.mean - 0.42) < 1e-12)
        #expect(abs(summary.standardDeviation - 0.02) < 1e-12)
        #expect(SeedSummary([0.5]).standardDeviation == 0)
    }

    @Test("a win must hold in every seed")
    func verdict() {
        #expect(SeedVerdict(perSeed: [(0.02, 0.01), (0.03, 0.001)], higherIsBetter: true) == .win)
        #expect(SeedVerdict(perSeed: [(0.02, 0.01), (0.03, 0.2)], higherIsBetter: true) == .inconclusive)
        #expect(SeedVerdict(perSeed: [(0.02, 0.01), (-0.03, 0.001)], higherIsBetter: true) == .inconclusive)
        #expect(SeedVerdict(perSeed: [(0.1, 0.01), (0.2, 0.001)], higherIsBetter: false) == .loss)
        #expect(SeedVerdict(perSeed: [], higherIsBetter: true) == .inconclusive)
    }

    @Test("paired comparisons pair by user and share one Holm family")
    func comparisons() {
        let users = (0..<10).map(UserID.init(index:))
        let x = [3.0, 2.5, 4.0, 3.5, 3.0, 3.25, 4.25, 3.75, 2.75, 3.5]
        let y = [2.75, 2.5, 3.5, 3.0, 3.25, 3.0, 3.5, 4.0, 2.0, 3.0]
        let model = zip(users, x).map { UserValue(user: $0, value: $1) }
        // The reference has one extra user, who is left out of the pairs.
        let reference = zip(users, y).map { UserValue(user: $0, value: $1) } + [UserValue(user: UserID(index: 99), value: 1)]
        let same = zip(users, y).map { UserValue(user: $0, value: $1) }
        let results = PairedComparison.compare([
            .init(figure: "ndcg@10", model: "a", modelValues: model, reference: "ref", referenceValues: reference),
            .init(figure: "hr@10", model: "b", modelValues: same, reference: "ref", referenceValues: reference),
        ])
        #expect(results.count == 2)
        #expect(results[0].pairs == 10)
        #expect(abs(results[0].tTest.pValue - 0.030117131875922822) < 1e-12)
        #expect(abs(results[0].wilcoxon.pValue - 0.04296875) < 1e-12)
        // Two comparisons: the smaller p doubles, the larger (1) stays.
        #expect(abs(results[0].tTestAdjustedP - 2 * 0.030117131875922822) < 1e-12)
        #expect(abs(results[0].wilcoxonAdjustedP - 2 * 0.04296875) < 1e-12)
        #expect(results[1].wilcoxonAdjustedP == 1)
        #expect(results[1].meanDifference == 0)
        #expect(abs(results[0].rankBiserial - 35.0 / 45) < 1e-12)
    }
}

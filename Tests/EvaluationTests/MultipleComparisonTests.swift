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

    @Test("a win needs the pooled test significant with statistic and effect agreeing")
    func verdict() {
        let better = PooledComparison(strata: [
            [0.1, 0.2, 0.15, 0.3, 0.05, 0.12, 0.22, 0.18], [0.1, 0.25, 0.2, 0.14, 0.3, 0.08, 0.11, 0.17],
        ])
        #expect(SeedVerdict(pooled: better, adjustedP: 0.01, higherIsBetter: true) == .win)
        #expect(SeedVerdict(pooled: better, adjustedP: 0.01, higherIsBetter: false) == .loss)
        #expect(SeedVerdict(pooled: better, adjustedP: 0.2, higherIsBetter: true) == .inconclusive)
        #expect(SeedVerdict(pooled: PooledComparison(strata: []), adjustedP: 0, higherIsBetter: true) == .inconclusive)
    }

    @Test("the stratified signed-rank statistic by hand, and √k from k equal seeds")
    func stratifiedStatistic() {
        // Ranks 1, 2, 3, 4; W⁺ = 6, mean 5, variance (1 + 4 + 9 + 16) / 4 = 7.5.
        let one = PooledComparison(strata: [[1, 2, 3, -4]])
        #expect(abs(one.z - 1 / 7.5.squareRoot()) < 1e-12)
        #expect(abs(one.pValue - NormalDistribution.twoSidedP(one.z)) < 1e-15)
        let four = PooledComparison(strata: Array(repeating: [1, 2, 3, -4], count: 4))
        #expect(abs(four.z - 2 * one.z) < 1e-12)
        #expect(four.pairs == 16 && four.seeds == 4)
    }

    @Test("the random-effects effect: the paired mean for one seed, the mean of equal seeds, wider when seeds disagree")
    func randomEffects() {
        let differences = [0.3, -0.1, 0.4, 0.2, 0.0, 0.5, 0.1, 0.2]
        let single = PooledComparison(strata: [differences])
        let summary = SeedSummary(differences)
        let standardError = summary.standardDeviation / Double(differences.count).squareRoot()
        #expect(abs(single.effect - summary.mean) < 1e-12)
        #expect(abs(single.ciHigh - single.effect - 1.959963984540054 * standardError) < 1e-9)
        #expect(abs(single.minimumDetectableEffect - (1.959963984540054 + 0.8416212335729143) * standardError) < 1e-9)
        let shifted = differences.map { $0 + 1 }
        let agreeing = PooledComparison(strata: [differences, differences])
        let disagreeing = PooledComparison(strata: [differences, shifted])
        #expect(abs(agreeing.effect - summary.mean) < 1e-12)
        #expect(agreeing.betweenSeedVariance == 0)
        #expect(disagreeing.betweenSeedVariance > 0)
        #expect(abs(disagreeing.effect - (summary.mean + 0.5)) < 1e-12)
        #expect(disagreeing.ciHigh - disagreeing.ciLow > 2 * (agreeing.ciHigh - agreeing.ciLow))
    }

    @Test("paired comparisons pair by user and share one Holm family")
    func comparisons() {
        let users = (0..<10).map(UserID.init(index:))
        let x = [3.0, 2.5, 4.0, 3.5, 3.0, 3.25, 4.25, 3.75, 2.75, 3.5]
        let y = [2.75, 2.5, 3.5, 3.0, 3.25, 3.0, 3.5, 4.0, 2.0, 3.0]
        let model = zip(users, x).map { UserValue(user: $0, value: $1) }
        // The reference has one extra user, who is left out of the pairs.
        let reference =
            zip(users, y).map { UserValue(user: $0, value: $1) } + [UserValue(user: UserID(index: 99), value: 1)]
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

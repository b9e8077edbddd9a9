import Evaluation
import Testing

/// Reference values from `scipy.stats` / `scipy.special` 1.17.1, computed once with
/// python3 and hard-coded here.
@Suite("Paired t-test and its distributions")
struct PairedTTestTests {
    @Test(
        "regularized incomplete beta",
        arguments: [
            (2.0, 3.0, 0.4, 0.5247999999999999),  // scipy.special.betainc(2, 3, 0.4); by hand 1 − 0.6⁴ − 4·0.4·0.6³
            (0.5, 0.5, 0.3, 0.36901011956554536),
            (5.0, 0.5, 0.9, 0.3166429150200122),
            (10.0, 10.0, 0.5, 0.5),
            (1.5, 20.0, 0.05, 0.44342120168569027),
        ])
    func incompleteBeta(a: Double, b: Double, x: Double, expected: Double) {
        #expect(abs(IncompleteBeta.regularized(a: a, b: b, x: x) - expected) < 1e-12)
    }

    @Test(
        "Student t CDF",
        arguments: [
            (1.5, 3.0, 0.8847080673775886),  // scipy.stats.t.cdf(1.5, 3)
            (-2.0, 5.0, 0.050969739414929174),
            (2.228, 10.0, 0.9749941140914443),  // the table's 97.5 % point for ν = 10
            (0.0, 7.0, 0.5),
            (3.5, 1.0, 0.9114144672170952),  // Cauchy: 1/2 + atan(3.5)/π
            (1.96, 1000.0, 0.9748634075221256),
        ])
    func studentT(t: Double, nu: Double, expected: Double) {
        #expect(abs(StudentT.cdf(t, degreesOfFreedom: nu) - expected) < 1e-12)
    }

    @Test(
        "Student t quantile as scipy.stats.t.ppf",
        arguments: [
            (0.975, 1.0, 12.706204736), (0.975, 2.0, 4.302652730), (0.975, 10.0, 2.228138852),
            (0.025, 5.0, -2.570581836), (0.5, 3.0, 0.0),
        ])
    func studentQuantile(p: Double, nu: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: nu) - expected) < 1e-6)
    }

    @Test("normal quantile and CDF")
    func normal() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(NormalDistribution.cdf(1.959963984540054) - 0.975) < 1e-15)
        #expect(abs(NormalDistribution.twoSidedP(1.959963984540054) - 0.05) < 1e-15)
    }

    @Test("paired t-test as scipy.stats.ttest_rel")
    func tTest() {
        let x = [3.1, 2.4, 4.0, 3.6, 2.9, 3.3, 4.2, 3.8, 2.7, 3.5]
        let y = [2.8, 2.5, 3.4, 3.0, 3.1, 2.9, 3.6, 3.9, 2.2, 3.0]
        let test = PairedTTest(x, y)
        // ttest_rel → statistic 3.051231024400257, pvalue 0.013765464490432465, df 9
        #expect(test.degreesOfFreedom == 9)
        #expect(abs(test.meanDifference - 0.31) < 1e-12)
        #expect(abs(test.t - 3.051231024400257) < 1e-10)
        #expect(abs(test.pValue - 0.013765464490432465) < 1e-10)
        // Cohen's d_z = d̄ / s_d = 0.9648839704473612 (numpy, ddof = 1)
        #expect(abs(EffectSize.cohensD(differences: zip(x, y).map { $0 - $1 }) - 0.9648839704473612) < 1e-10)
    }

    @Test("second paired sample as scipy")
    func tTestQuarters() {
        let x = [3.0, 2.5, 4.0, 3.5, 3.0, 3.25, 4.25, 3.75, 2.75, 3.5]
        let y = [2.75, 2.5, 3.5, 3.0, 3.25, 3.0, 3.5, 4.0, 2.0, 3.0]
        let test = PairedTTest(x, y)
        // ttest_rel → statistic 2.571428571428571, pvalue 0.030117131875922822; d_z 0.8131571126147261
        #expect(abs(test.t - 2.571428571428571) < 1e-12)
        #expect(abs(test.pValue - 0.030117131875922822) < 1e-12)
        #expect(abs(EffectSize.cohensD(differences: zip(x, y).map { $0 - $1 }) - 0.8131571126147261) < 1e-12)
    }

    @Test("degenerate samples")
    func degenerate() {
        #expect(PairedTTest(differences: [0.5]).pValue == 1)
        #expect(PairedTTest(differences: [0, 0, 0]).pValue == 1)
        let constant = PairedTTest(differences: [0.2, 0.2, 0.2])
        #expect(constant.pValue == 0)
        #expect(constant.t == .infinity)
        #expect(EffectSize.cohensD(differences: [0, 0]) == 0)
        #expect(EffectSize.cohensD(differences: [-1, -1]) == -.infinity)
    }
}

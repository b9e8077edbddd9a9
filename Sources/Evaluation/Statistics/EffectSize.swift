/// Effect sizes of paired comparisons.
public enum EffectSize {
    /// Cohen's d for paired data, d_z = d̄ / s_d: the mean difference in standard
    /// deviations of the differences (Cohen, *Statistical Power Analysis for the
    /// Behavioral Sciences*, 2nd ed., 1988, §2.3.5). 0 when there is no difference at
    /// all, ±∞ when every difference is the same non-zero value.
    public static func cohensD(differences: [Double]) -> Double {
        let summary = SeedSummary(differences)
        guard summary.count > 1, summary.standardDeviation > 0 else {
            return summary.mean == 0 ? 0 : (summary.mean > 0 ? .infinity : -.infinity)
        }
        return summary.mean / summary.standardDeviation
    }

    /// The matched-pairs rank-biserial correlation r = (W+ − W−) / (W+ + W−) (Kerby,
    /// "The simple difference formula", Comprehensive Psychology 2014), in [−1, 1];
    /// 0 when every difference is zero.
    public static func rankBiserial(_ test: WilcoxonSignedRank) -> Double {
        let total = test.positiveRankSum + test.negativeRankSum
        return total > 0 ? (test.positiveRankSum - test.negativeRankSum) / total : 0
    }
}

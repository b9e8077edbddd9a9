/// Holm's step-down correction for multiple comparisons (Holm, "A simple sequentially
/// rejective multiple test procedure", Scandinavian Journal of Statistics 1979), which
/// controls the family-wise error rate like Bonferroni's but rejects at least as often.
public enum HolmBonferroni {
    /// Holm-adjusted p-values, in the order given: with p sorted ascending,
    /// p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)). A hypothesis is rejected at level α
    /// exactly when its adjusted p-value is at most α.
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = Array(repeating: 0.0, count: m)
        var running = 0.0
        for (step, index) in order.enumerated() {
            running = max(running, min(1, Double(m - step) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Which hypotheses Holm's procedure rejects at family-wise level `alpha`: step
    /// through the p-values in ascending order, rejecting while p_(i) ≤ α / (m − i + 1).
    public static func rejections(_ pValues: [Double], alpha: Double = 0.05) -> [Bool] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var rejected = Array(repeating: false, count: m)
        for (step, index) in order.enumerated() {
            guard pValues[index] <= alpha / Double(m - step) else { break }
            rejected[index] = true
        }
        return rejected
    }
}

/// The two-sample Kolmogorov–Smirnov statistic.
///
/// `D = sup_x |F₁(x) − F₂(x)|`, the largest gap between the two samples' empirical
/// distribution functions (Kolmogorov 1933; Smirnov 1948). It is 0 for samples with the
/// same distribution function and 1 for samples that do not overlap. Ties are handled
/// exactly: both functions step past every copy of a value before they are compared,
/// which matters for the integer counts and 1–5 ratings calibration compares.
public enum KolmogorovSmirnov {
    /// The statistic of samples `first` and `second`; 0 when either is empty.
    public static func statistic(_ first: [Double], _ second: [Double]) -> Double {
        guard !first.isEmpty, !second.isEmpty else { return 0 }
        let a = first.sorted()
        let b = second.sorted()
        let countA = Double(a.count)
        let countB = Double(b.count)
        var i = 0
        var j = 0
        var largest = 0.0
        while i < a.count, j < b.count {
            let value = min(a[i], b[j])
            while i < a.count, a[i] == value { i += 1 }
            while j < b.count, b[j] == value { j += 1 }
            largest = max(largest, abs(Double(i) / countA - Double(j) / countB))
        }
        return largest
    }
}

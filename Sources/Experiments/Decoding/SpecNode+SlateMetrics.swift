import Evaluation

extension SpecNode {
    /// The node as a list of metrics a serving protocol measures per slate: each must pass
    /// `supports` (else the error ends with `measured`, which says what can be), and when
    /// `slateSize` is given look no deeper than the slate; listed twice counts once.
    func slateMetrics(slateSize: Int?, supports: (Metric) -> Bool, per unit: String, measured: String) throws
        -> [Metric]
    {
        var metrics = [Metric]()
        for entry in try sequence(singleAllowed: true) {
            let text = try entry.string()
            guard let metric = Metric(text), supports(metric) else {
                throw entry.error("'\(text)' cannot be measured per \(unit); \(measured)")
            }
            if let slateSize, !(metric.cutoff.map { $0 <= slateSize } ?? false) {
                throw entry.error("'\(text)' looks deeper than the slate of \(slateSize) items")
            }
            if !metrics.contains(metric) { metrics.append(metric) }
        }
        guard !metrics.isEmpty else { throw error("list at least one metric") }
        return metrics
    }
}

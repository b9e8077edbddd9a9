import Evaluation
import Foundation
import Reporting
import Yams

/// Reads a regression gate's tolerance file.
///
/// ```yaml
/// default: {absolute: 0.005, relative: 0.01}   # optional; these are the defaults
/// alpha: 0.05                                  # optional significance level
/// metrics:                                     # optional per-metric tolerances
///   ndcg@10: {absolute: 0.01}
///   mae: {relative: 0.02}
/// ```
public struct ToleranceLoader: Sendable {
    /// Creates a loader.
    public init() {}

    /// The tolerances in the file at `path`; unknown keys and metric names are errors
    /// naming the line and field.
    public func load(_ path: String) throws -> ToleranceSet {
        let root = try YAMLFile.parse(path)
        let top = try root.mapping(allowed: ["default", "alpha", "metrics"])
        var set = ToleranceSet()
        if let node = top["default"] { set.standard = try decodeTolerance(node, base: .standard) }
        if let node = top["alpha"] { set.alpha = try node.double(in: 0.000001...0.5) }
        if let node = top["metrics"] {
            for (name, value) in try node.pairs() {
                guard Metric(name) != nil else {
                    throw value.error(
                        "unknown metric '\(name)'; known: \(Metric.catalog.map(\.pattern).joined(separator: ", "))")
                }
                set.perMetric[name] = try decodeTolerance(value, base: set.standard)
            }
        }
        return set
    }

    private func decodeTolerance(_ node: SpecNode, base: Tolerance) throws -> Tolerance {
        let fields = try node.mapping(allowed: ["absolute", "relative"])
        var tolerance = base
        if let value = fields["absolute"] { tolerance.absolute = try value.double(in: 0...1e9) }
        if let value = fields["relative"] { tolerance.relative = try value.double(in: 0...1e3) }
        return tolerance
    }
}

/// Scenario and suite files read, validated and ready to run: the run's name and its
/// scenarios, each given once, with the registered models added.
public struct SuitePlan: Sendable {
    /// The run's name: the file's scenario or suite name, or the names joined by `+`.
    public let name: String
    /// The scenarios, in the files' order.
    public let scenarios: [ScenarioSpec]

    /// The report formats the scenarios ask for.
    public var formats: Set<ReportFormat> {
        scenarios.reduce(into: Set<ReportFormat>()) { $0.formUnion($1.formats) }
    }
}

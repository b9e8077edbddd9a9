import Evaluation
import Experiments
import Foundation
import Testing

/// `protocols.cold_start.partitions` and `segments: [archetype]` in scenario files, with
/// file, line and field in every error.
@Suite("Scenario files: partitions and archetype segments")
struct PartitionDecodingTests {
    /// A scenario of `family` with `drift` under `world` and `coldStart` under `protocols.cold_start`.
    private func scenario(
        family: String = "ecommerce", drift: String = "[{kind: churn, arrivals: 0.3}]", coldStart: String
    ) -> String {
        """
        name: partitions
        family: \(family)
        world:
          users: 200
          items: 100
          drift: \(drift)
        protocols:
          cold_start:
        \(coldStart.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n"))
        models: [random]
        """
    }

    private let files = ScenarioFiles()

    @Test("partitions decode, with defaults for keys left out")
    func decodes() throws {
        let given = try files.load(scenario(coldStart: "partitions: {cutoff: 0.6, min_query: 3}"))
        #expect(given.coldStart?.partitions?.cutoffShare == 0.6)
        #expect(given.coldStart?.partitions?.minimumQuery == 3)
        let defaults = try files.load(scenario(coldStart: "partitions: {}"))
        #expect(defaults.coldStart?.partitions == PartitionConfig())
        #expect(PartitionConfig().cutoffShare == 0.75)
        #expect(PartitionConfig().minimumQuery == 1)
        let news = try files.load(
            scenario(family: "news", drift: "[]", coldStart: "partitions: {cutoff: 0.5}").replacingOccurrences(
                of: "items: 100", with: "items: 2000"))
        #expect(news.coldStart?.partitions?.cutoffShare == 0.5)
        let off = try files.load(scenario(coldStart: "shots: [1]"))
        #expect(off.coldStart?.partitions == nil)
    }

    @Test("archetype segments decode for simulated worlds")
    func archetypeSegments() throws {
        let spec = try files.load(scenario(coldStart: "segments: [archetype, activity]"))
        #expect(spec.coldStart?.segments == ["archetype", "activity"])
    }

    @Test(
        "bad partitions name the file, line and field",
        arguments: [
            ("partitions: {cutoff: 1}", "protocols.cold_start.partitions.cutoff", "strictly between 0 and 1"),
            ("partitions: {cutoff: 0}", "protocols.cold_start.partitions.cutoff", "strictly between 0 and 1"),
            ("partitions: {cutoff: 1.5}", "protocols.cold_start.partitions.cutoff", "out of range"),
            ("partitions: {cutoff: late}", "protocols.cold_start.partitions.cutoff", "number"),
            ("partitions: {min_query: 0}", "protocols.cold_start.partitions.min_query", "out of range"),
            ("partitions: {cut_off: 0.5}", "protocols.cold_start.partitions.cut_off", "did you mean 'cutoff'?"),
            ("partitions: 0.5", "protocols.cold_start.partitions", "expected a mapping"),
            ("partition: {cutoff: 0.5}", "protocols.cold_start.partition", "did you mean 'partitions'?"),
        ])
    func badPartitions(option: String, field: String, fragment: String) {
        let error = files.loadError(scenario(coldStart: option), name: "partitions.yaml")
        #expect(error?.field == field)
        #expect(error?.line != nil)
        #expect(error?.file.hasSuffix("partitions.yaml") == true)
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
    }

    @Test(
        "partitions in a world where no item arrives are an error", arguments: ["[]", "[{kind: churn, arrivals: 0}]"])
    func noArrivals(drift: String) {
        let error = files.loadError(scenario(drift: drift, coldStart: "partitions: {cutoff: 0.5}"))
        #expect(error?.field == "protocols.cold_start.partitions")
        #expect(error?.line == 9)
        #expect(error?.message.contains("churn") == true, "\(error?.message ?? "no error")")
    }
}

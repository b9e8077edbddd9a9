import Evaluation
import RecData
import Reporting
import Testing

@Suite("Measurements become results")
struct MeasuredResultsTests {
    private let coldStart = Measurement(
        protocolName: ColdStartProtocol.name, segment: UserSegments.all, shots: 2, window: nil,
        metric: Metric("ndcg@5")!,
        value: 0.5, ciLow: 0.25, ciHigh: 0.75,
        perUser: [UserValue(user: UserID(index: 3), value: 0.25), UserValue(user: UserID(index: 8), value: 0.75)]
    )
    private let listLevel = Measurement(
        protocolName: ColdStartProtocol.name, segment: "activity=low", shots: 0, window: nil,
        metric: Metric("coverage@5")!,
        value: 0.4, ciLow: 0.3, ciHigh: 0.5, perUser: [], n: 7
    )

    @Test("Each measurement is one row with all its coordinates, and its user values the records behind it")
    func rowsAndRecords() {
        let results = MeasuredResults(scenario: "s", model: "m", seed: 9, measurements: [coldStart, listLevel])
        #expect(
            results.rows == [
                ResultRow(
                    scenario: "s", protocolName: "cold-start", model: "m", seed: 9, segment: "all", shots: 2,
                    window: nil,
                    metric: "ndcg@5", value: 0.5, ciLow: 0.25, ciHigh: 0.75, n: 2
                ),
                ResultRow(
                    scenario: "s", protocolName: "cold-start", model: "m", seed: 9, segment: "activity=low", shots: 0,
                    window: nil,
                    metric: "coverage@5", value: 0.4, ciLow: 0.3, ciHigh: 0.5, n: 7
                ),
            ])
        #expect(
            results.perUser == [
                PerUserRecord(
                    scenario: "s", protocolName: "cold-start", model: "m", seed: 9, segment: "all", shots: 2,
                    window: nil,
                    metric: "ndcg@5", user: UserID(index: 3).rawValue, value: 0.25
                ),
                PerUserRecord(
                    scenario: "s", protocolName: "cold-start", model: "m", seed: 9, segment: "all", shots: 2,
                    window: nil,
                    metric: "ndcg@5", user: UserID(index: 8).rawValue, value: 0.75
                ),
            ])
        #expect(results.drift.isEmpty)
    }
}

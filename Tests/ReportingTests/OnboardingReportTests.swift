import Foundation
import TestSupport
import Testing

@testable import Reporting

@Suite("Onboarding in reports")
struct OnboardingReportTests {
    /// The fixture's cold-start rows plus two rounds of onboarding regret at K = 0 for both
    /// models, and their summaries.
    private static var results: ResultSet {
        var results = ReportFixtures.results
        for (model, values) in [("random", [2.0, 1.9]), ("popularity", [1.0, 0.6])] {
            for (offset, value) in values.enumerated() {
                results.rows.append(
                    ResultRow(
                        scenario: "toy", protocolName: "onboarding", model: model, seed: 1, segment: "all", shots: 0,
                        window: nil,
                        round: offset + 1, metric: "regret@10", value: value, ciLow: value - 0.1, ciHigh: value + 0.1,
                        n: 40
                    ))
            }
            let total = values.reduce(0, +)
            results.onboarding.append(
                OnboardingFigure(
                    scenario: "toy", model: model, seed: 1, shots: 0, metric: "regret@10", meanOverRounds: total / 2,
                    oracleCurve: [0, 0],
                    cumulativeRegret: total, cumulativeRegretLow: total - 0.2, cumulativeRegretHigh: total + 0.2,
                    roundsToReach: nil, roundsToReachLow: nil, roundsToReachHigh: nil, hasReach: false
                ))
        }
        results.rows.sort(by: ResultSet.canonicalOrder)
        return results
    }

    @Test(
        "Markdown tabulates regret per round and each model's cumulative regret with its interval; the K summary ignores onboarding"
    )
    func markdown() {
        let text = MarkdownReport(Self.results).render()
        #expect(text.contains("### toy: onboarding, metric per round"))
        #expect(text.contains("| 2 | 1.9000 | 0.6000 |"))
        #expect(text.contains("| popularity | 0.8000 | 1.6000 [1.4000, 1.8000] | – |"))
        #expect(
            text.contains("![toy: regret@10 per round (onboarding, K = 0)](charts/toy-onboarding-k0-regret-at-10.svg)"))
        #expect(!text.contains("| onboarding |"), "the summary at K lists cold-start protocols only")
    }

    @Test("The Onboarding sheet holds the per-round table and the summary")
    func workbook() throws {
        let contents = try ReportFixtures.workbook(Self.results)
        let cells = contents.cells(of: "Onboarding")
        #expect(cells["A1"] == "toy: regret@10 per round, K = 0")
        #expect(cells["A2"] == "Round" && cells["B2"] == "random" && cells["C2"] == "popularity")
        #expect(cells["A4"] == "2" && cells["B4"] == "1.9" && cells["C4"] == "0.6")
        #expect(cells["A6"] == "Model" && cells["C6"] == "Cumulative regret")
        #expect(cells["A8"] == "popularity" && cells["C8"] == "1.6" && cells["D8"] == "1.4" && cells["F8"] == "–")
        let results = contents.cells(of: "Results")
        #expect(results.values.contains("onboarding"))
    }
}

import Foundation
import Testing

@testable import Reporting

@Suite("Result set JSON")
struct ResultSetTests {
    @Test("Rows are put in canonical order whatever order they arrive in")
    func canonicalOrder() {
        let results = ReportFixtures.results
        let shuffled = ResultSet(header: results.header, rows: results.rows.reversed())
        #expect(shuffled.rows == results.rows)
        #expect(results.rows.first?.model == "popularity")
        #expect(results.rows.first?.shots == 0)
    }

    @Test("Sorting by the names' ranks gives exactly the order of the canonical comparison")
    func rankedSortMatchesComparison() {
        var generator = SystemRandomNumberGenerator()
        let names = ["a", "b", "B", "ab", "", "z-1", "z10", "é"]
        let optional = { (generator: inout SystemRandomNumberGenerator) -> Int? in
            Bool.random(using: &generator) ? nil : Int.random(in: -2...3, using: &generator)
        }
        let rows = (0..<2_000).map { index in
            ResultRow(
                scenario: names.randomElement(using: &generator)!,
                protocolName: names.randomElement(using: &generator)!,
                model: names.randomElement(using: &generator)!, seed: UInt64.random(in: 0...2, using: &generator),
                segment: names.randomElement(using: &generator)!, shots: optional(&generator),
                window: optional(&generator), round: optional(&generator),
                metric: names.randomElement(using: &generator)!, value: Double(index), ciLow: 0, ciHigh: 0, n: 1)
        }
        #expect(ResultSet.canonicallySorted(rows) == rows.sorted(by: ResultSet.canonicalOrder))
    }

    @Test("JSON round-trips and writes null for an absent window")
    func roundTrip() throws {
        let data = try ReportFixtures.results.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"window\" : null"))
        #expect(text.contains("\"schema_version\" : 1"))
        #expect(text.contains("\"ci_low\""))
        let decoded = try ResultSet.decode(data, source: "results.json")
        #expect(decoded == ReportFixtures.results)
    }

    @Test("A non-finite effect size (every paired difference equal) is written and read back")
    func nonFiniteEffectSize() throws {
        let perUser = ["random", "popularity"].flatMap { model in
            (0..<12).map { user in
                PerUserRecord(
                    scenario: "toy", protocolName: "cold-start", model: model, seed: 1, segment: "all", shots: 5,
                    window: nil, metric: "ndcg@10", user: UInt32(user), value: model == "popularity" ? 0.3 : 0.1
                )
            }
        }
        let validation = [("random", 0.06), ("popularity", 0.21)].map { model, value in
            ResultRow(
                scenario: "toy", protocolName: "cold-start", model: model, seed: 1, segment: "validation", shots: 5,
                window: nil, metric: "ndcg@10", value: value, ciLow: value, ciHigh: value, n: 20
            )
        }
        let fixture = ReportFixtures.results
        let tested = ResultSet(header: fixture.header, rows: fixture.rows + validation).testingSignificance(
            perUser: perUser)
        #expect(tested.significance.comparisons.contains { $0.cohensD.isInfinite })
        let data = try tested.jsonData()
        #expect(String(decoding: data, as: UTF8.self).contains(#"inf""#))
        #expect(try ResultSet.decode(data, source: "results.json") == tested)
    }

    @Test("Equal results encode to equal bytes")
    func deterministicBytes() throws {
        #expect(try ReportFixtures.results.jsonData() == ReportFixtures.results.jsonData())
    }

    @Test("A schema version from the future is refused with the file's name")
    func futureSchema() throws {
        var results = ReportFixtures.results
        results.header.schemaVersion = ResultSet.schemaVersion + 1
        let data = try results.jsonData()
        #expect {
            try ResultSet.decode(data, source: "new/results.json")
        } throws: { error in
            "\(error)".contains("new/results.json") && "\(error)".contains("schema version 2")
        }
    }

    @Test("Truncated and malformed files are refused clearly")
    func malformed() throws {
        let data = try ReportFixtures.results.jsonData()
        #expect {
            try ResultSet.decode(data.prefix(data.count / 2), source: "cut.json")
        } throws: { error in
            "\(error)".hasPrefix("cut.json: not a results file")
        }
        let missingRows = Data(#"{"header": {"schema_version": 1}}"#.utf8)
        #expect {
            try ResultSet.decode(missingRows, source: "partial.json")
        } throws: { error in
            "\(error)".contains("missing field")
        }
    }
}

@Suite("Seed aggregates")
struct SeedAggregateTests {
    @Test("One seed keeps its interval; several give mean and standard deviation")
    func aggregate() {
        let one = SeedAggregate([ReportFixtures.row("m", shots: 1, metric: "mae", value: 0.5)])
        #expect(one.interval == 0.49...0.51)
        #expect(one.text == "0.5000 [0.4900, 0.5100]")
        let three = SeedAggregate(
            [0.4, 0.5, 0.6].enumerated().map {
                ReportFixtures.row("m", shots: 1, metric: "mae", value: $0.element, seed: UInt64($0.offset))
            })
        #expect(abs(three.value - 0.5) < 1e-12)
        #expect(abs((three.standardDeviation ?? 0) - 0.1) < 1e-12)
        #expect(three.text == "0.5000 ± 0.1000 (3 seeds)")
        #expect(three.n == 150)
    }

    @Test("An interval whose ends arrive swapped by rounding is put in order, not trapped on")
    func swappedInterval() {
        var row = ReportFixtures.row("m", shots: 1, metric: "personalization@10", value: -2.2e-16)
        row.ciLow = 0
        row.ciHigh = -2.2e-16
        #expect(SeedAggregate([row]).interval == -2.2e-16...0)
    }

    @Test("A figure without spread, such as a model's size, shows its value alone")
    func pointInterval() {
        var row = ReportFixtures.row("adapter", shots: 5, metric: "adapted_parameters", value: 128)
        row.ciLow = 128
        row.ciHigh = 128
        #expect(SeedAggregate([row]).text == "128.0000")
        #expect(SeedAggregate([row]).text(wholeNumbers: true) == "128")
    }
}

@Suite("Result pivot")
struct ResultPivotTests {
    @Test("A model's size is a summary column but not a curve against K")
    func curveMetrics() {
        var results = ReportFixtures.results
        var size = ReportFixtures.row("popularity", shots: 5, metric: "adapted_parameters", value: 10)
        (size.ciLow, size.ciHigh) = (10, 10)
        results.rows.append(size)
        let pivot = ResultPivot(results)
        #expect(pivot.metrics(in: "toy").contains("adapted_parameters"))
        #expect(!pivot.curveMetrics(in: "toy").contains("adapted_parameters"))
        #expect(pivot.curveMetrics(in: "toy") == pivot.metrics(in: "toy").filter { $0 != "adapted_parameters" })
        #expect(!ReportCharts(results).entries.contains { $0.metric == "adapted_parameters" })
        #expect(MarkdownReport(results).render().contains(" | 10 |"), "a count shows as a whole number in the summary")
    }
}

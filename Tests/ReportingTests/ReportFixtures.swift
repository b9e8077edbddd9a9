import Foundation
import TestSupport
import Testing

@testable import Reporting

/// A small fixed result set: two models, two K, two metrics, one seed.
enum ReportFixtures {
    /// The workbook `results` writes, read back.
    static func workbook(_ results: ResultSet) throws -> XlsxContents {
        let directory = Scratch.file("metarec-xlsx")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ReportBundle(results: results, perUser: []).write(to: directory, formats: [.xlsx])
        return try #require(XlsxContents(Data(contentsOf: directory.appendingPathComponent("report.xlsx"))))
    }

    static func row(_ model: String, shots: Int, metric: String, value: Double, seed: UInt64 = 1) -> ResultRow {
        ResultRow(
            scenario: "toy", protocolName: "cold-start", model: model, seed: seed, segment: "all", shots: shots,
            window: nil, metric: metric, value: value, ciLow: value - 0.01, ciHigh: value + 0.01, n: 50
        )
    }

    static var header: ResultHeader {
        ResultHeader(
            schemaVersion: ResultSet.schemaVersion, toolkitVersion: "9.9.9", gitCommit: "abc123", suite: "toy-suite",
            scenarios: [
                .init(
                    name: "toy", path: "Scenarios/toy.yaml", sha256: "00ff", models: ["random", "popularity"],
                    metrics: ["ndcg@10", "mae"])
            ], seeds: [1],
            host: .init(name: "host", operatingSystem: "Linux", cores: 2),
            timings: .init(
                started: "2026-01-01T00:00:00Z", totalSeconds: 1.5,
                cells: [
                    .init(scenario: "toy", model: "random", seed: 1, seconds: 0.5, error: nil),
                    .init(scenario: "toy", model: "broken", seed: 1, seconds: 0.1, error: "diverged"),
                ]),
            libraries: ["libxlsxwriter": "1.1.4"]
        )
    }

    static var results: ResultSet {
        ResultSet(
            header: header,
            rows: [
                row("random", shots: 5, metric: "ndcg@10", value: 0.05),
                row("popularity", shots: 5, metric: "ndcg@10", value: 0.25),
                row("random", shots: 0, metric: "ndcg@10", value: 0.04),
                row("popularity", shots: 0, metric: "ndcg@10", value: 0.30),
                row("random", shots: 5, metric: "mae", value: 1.4),
                row("popularity", shots: 5, metric: "mae", value: 0.8),
                row("random", shots: 0, metric: "mae", value: 1.5),
                row("popularity", shots: 0, metric: "mae", value: 0.9),
            ])
    }
}

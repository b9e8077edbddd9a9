import Foundation
import TestSupport
import Testing

@testable import Reporting

/// A model entry restricted to some protocols (`protocols: [drift]`) has no rows under the
/// others, and the reports leave it out of their tables and charts; a model that ran a
/// protocol and lacks one figure still shows "–" there.
@Suite("Models restricted to some protocols")
struct ProtocolModelsTests {
    /// als, maml and melu run cold start, onboarding and drift; `maml (online)` only drift;
    /// melu has no cold-start figure at K = 5.
    static var results: ResultSet {
        let level: (String, Int) -> Double = { _, _ in 0.3 }
        let models = ["als", "maml", "melu", "maml (online)"]
        let parts = models.map {
            FindingsTests.measured($0, shots: [0, 5, 10], rounds: [1, 2], windows: [0, 1], level: level)
        }
        let keep = { (model: String, protocolName: String, shots: Int?) in
            (model != "maml (online)" || protocolName == "drift")
                && !(model == "melu" && protocolName == "cold-start" && shots == 5)
        }
        return ResultSet(
            header: FindingsTests.header(models: models, baselines: ["als"], metaLearners: ["maml", "melu"]),
            rows: parts.flatMap(\.rows).filter { keep($0.model, $0.protocolName, $0.shots) },
            drift: parts.flatMap(\.drift),
            onboarding: parts.flatMap(\.onboarding).filter { $0.model != "maml (online)" }
        )
    }

    @Test("The pivot lists a protocol's models as those with rows under it, in the scenario's order")
    func pivot() {
        let pivot = ResultPivot(Self.results)
        #expect(pivot.models(in: "world") == ["als", "maml", "melu", "maml (online)"])
        #expect(pivot.models(in: "world", protocolName: "cold-start") == ["als", "maml", "melu"])
        #expect(pivot.models(in: "world", protocolName: "onboarding") == ["als", "maml", "melu"])
        #expect(pivot.models(in: "world", protocolName: "drift") == ["als", "maml", "melu", "maml (online)"])
        #expect(pivot.models(in: "world", protocolName: "transfer") == [])
    }

    @Test("report.md: no rows or columns of a model in protocols it did not run; a missing figure shows –")
    func markdown() {
        let report = MarkdownReport(Self.results).render()
        #expect(report.contains("| K | als | maml | melu |"))
        #expect(report.contains("| round | als | maml | melu |"))
        #expect(report.contains("| window | als | maml | melu | maml (online) |"))
        #expect(!report.contains("| cold-start | maml (online) |"))
        #expect(report.contains("| cold-start | melu |"))
        // melu ran cold start but has no figure at K = 5.
        #expect(report.contains("| 5 | 0.3000 | 0.3000 | – |"))
        #expect(report.contains("| 10 | 0.3000 | 0.3000 | 0.3000 |"))
    }

    @Test("report.xlsx: the Summary, Cold start and Onboarding sheets leave the drift-only model out, Drift shows it")
    func xlsx() throws {
        let contents = try ReportFixtures.workbook(Self.results)
        for sheet in ["Summary", "Cold start", "Onboarding"] {
            let cells = contents.cells(of: sheet)
            #expect(!cells.isEmpty, "\(sheet) is empty")
            #expect(!cells.values.contains("maml (online)"), "\(sheet) lists the drift-only model")
            #expect(cells.values.contains("melu"), "\(sheet) lost melu")
        }
        #expect(contents.cells(of: "Drift").values.contains("maml (online)"))
    }
}

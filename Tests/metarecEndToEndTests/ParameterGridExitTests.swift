import Foundation
import Testing

@Suite("A bad parameter grid exits 2")
struct ParameterGridExitTests {
    @Test("An out-of-range grid value names the file, line and field and exits 2")
    func badGridValue() throws {
        let text = try String(
            contentsOf: MetarecProcess.packageRoot.appendingPathComponent("Scenarios/baselines.yaml"), encoding: .utf8)
        let original = "params: {neighbors: [20, 100], shrinkage: [0, 10, 100]}"
        #expect(text.contains(original))
        let path = MetarecProcess.temporaryDirectory().appendingPathComponent("grid.yaml").path
        try Data(text.replacingOccurrences(of: original, with: "params: {neighbors: [20, -1]}").utf8).write(
            to: URL(fileURLWithPath: path))
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains(original) }.map { $0 + 1 } ?? 0
        let outcome = try MetarecProcess.run(["validate", path])
        #expect(outcome.status == 2)
        let printed = outcome.standardOutput + outcome.standardError
        #expect(printed.contains("\(path):\(line):"), "\(printed)")
        #expect(printed.contains("field 'models[3].params.neighbors[1]': -1 is out of range"), "\(printed)")
    }
}

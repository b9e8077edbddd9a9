import Foundation
import Testing

@testable import RecData

@Suite("Byte-level text scanning")
struct TextFileTests {
    private func file(_ text: String) -> TextFile { TextFile(path: "mem", bytes: Array(text.utf8)) }

    @Test("Numbers parse exactly as Double.init does, fast path or not")
    func numbers() {
        var generator = SplitMix64(seed: 7)
        var texts = [
            "0", "-0", "4", "881250949", "0.1", "0.3", "-2.5", "1e-05", "3.14159e2", "123456789012345678901", ".5",
            "1.", "nan", "inf", "", "-", "1.2.3", "4x",
        ]
        for _ in 0..<2_000 {
            let value =
                Double(generator.next() % 10_000_000) / Double([1, 10, 100, 1_000, 100_000][Int(generator.next() % 5)])
            texts.append(String(value))
            texts.append(String(format: "%.6f", -value))
        }
        for text in texts {
            let scanned = file(text).number(0..<text.utf8.count)
            let reference = Double(text).flatMap { $0.isFinite ? $0 : nil }
            #expect(scanned == reference, "\(text)")
        }
    }

    @Test("Lines drop \\r and the final break; cells split on multi-byte separators")
    func linesAndCells() {
        let text = "a::b\r\n::c::\n\nlast"
        let scanned = file(text)
        var lines = [(Int, String)]()
        scanned.forEachLine { lines.append(($0, scanned.text($1))) }
        #expect(lines.map(\.0) == [1, 2, 3, 4])
        #expect(lines.map(\.1) == ["a::b", "::c::", "", "last"])
        var cells = [Range<Int>]()
        let second = file("::c::")
        second.split(0..<5, separator: Array("::".utf8), into: &cells)
        #expect(cells.map(second.text) == ["", "c", ""])
        #expect(file("x\n").lineCount == 1)
    }

    @Test("Invalid UTF-8 is reported on its line")
    func encoding() throws {
        let bad = TextFile(path: "f", bytes: Array("ok\nfine\n".utf8) + [0x63, 0xE9, 0x0A])
        #expect(
            throws: DataImportError(
                file: "f", line: 3, message: "the line is not UTF-8 text (is the file in another encoding?)")
        ) {
            try bad.validateUTF8()
        }
        try file("caf\u{e9}\n").validateUTF8()
    }
}

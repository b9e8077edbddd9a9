import Foundation
import Reporting
import TestSupport
import Testing

@Suite("Writing a set of files atomically")
struct AtomicDirectoryWriteTests {
    private struct Interrupted: Error {}

    private let directory = Scratch.file("metarec-atomic")

    private func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test("The files land in the directory and no scratch is left")
    func written() throws {
        let written = try AtomicFile.writeAll(into: directory) { scratch in
            try ["a.csv", "b.json"].map { name in
                let url = scratch.appendingPathComponent(name)
                try Data(name.utf8).write(to: url)
                return url
            }
        }
        #expect(written == ["a.csv", "b.json"].map { directory.appendingPathComponent($0) })
        #expect(try contents() == ["a.csv", "b.json"])
        #expect(try String(contentsOf: written[1], encoding: .utf8) == "b.json")
    }

    @Test("An interrupted write leaves the previous files and no scratch")
    func interrupted() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: directory.appendingPathComponent("a.csv"))
        #expect(throws: Interrupted.self) {
            try AtomicFile.writeAll(into: directory) { scratch in
                try Data("half".utf8).write(to: scratch.appendingPathComponent("a.csv"))
                throw Interrupted()
            }
        }
        #expect(try contents() == ["a.csv"])
        #expect(try String(contentsOf: directory.appendingPathComponent("a.csv"), encoding: .utf8) == "old")
    }
}

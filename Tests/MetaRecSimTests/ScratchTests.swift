import Foundation
import TestSupport
import Testing

/// The tests' scratch space: every folder and file lies under the process's one scratch
/// folder, which `.ci/run` checks is gone once the tests have exited.
@Suite("Test scratch space")
struct ScratchTests {
    @Test("A scratch directory exists, is empty and lies in the process's scratch folder")
    func directory() throws {
        let first = Scratch.directory("scratch")
        let second = Scratch.directory("scratch")
        #expect(first != second)
        #expect(first.deletingLastPathComponent().standardizedFileURL.path == Scratch.root.standardizedFileURL.path)
        #expect(Scratch.root.lastPathComponent == "metarec-tests-\(ProcessInfo.processInfo.processIdentifier)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: first.path).isEmpty)
    }

    @Test("A scratch file path is new, keeps its suffix and lies in the process's scratch folder")
    func file() {
        let url = Scratch.file("scratch", suffix: ".yaml")
        #expect(url.pathExtension == "yaml")
        #expect(url.deletingLastPathComponent().standardizedFileURL.path == Scratch.root.standardizedFileURL.path)
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}

import Foundation
import TestSupport
import Testing

@testable import Recommenders

/// External model processes are owned: their own process group, a clean signal state,
/// their exit noticed by the process, and nothing of them left running (issue 18).
@Suite("Faults: external model processes are owned", .serialized)
struct ProcessFaultTests {
    private func directory() throws -> URL {
        Scratch.directory("metarec-process")
    }

    private func start(_ script: String, in directory: URL) throws -> ExternalProcess {
        let config = try ExternalModelConfig(
            command: ["/bin/sh", "-c", script], workingDirectory: directory.path, timeout: 30)
        return try ExternalProcess(config)
    }

    /// The contents of `name` in `directory` once the process has written it.
    private func waitForFile(_ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: url, encoding: .utf8), text.hasSuffix("\n") { return text }
            usleep(20_000)
        }
        throw CancellationError()
    }

    /// Whether `processID` is gone (or only a zombie waiting for a reaper that is not the
    /// toolkit) within a second, the time a signal takes to be delivered on a busy machine.
    private func isGone(_ processID: Int32) -> Bool {
        let deadline = ContinuousClock.now + .seconds(1)
        repeat {
            guard let stat = try? String(contentsOfFile: "/proc/\(processID)/stat", encoding: .utf8) else {
                return true
            }
            if stat.split(separator: ")").last?.split(separator: " ").first == "Z" { return true }
            usleep(20_000)
        } while ContinuousClock.now < deadline
        return false
    }

    @Test("A model starts in its own process group with no blocked or ignored signal, whatever the toolkit blocks")
    func cleanSignalState() throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stand for the toolkit: SIGINT ignored, SIGTERM blocked in the starting thread.
        let previous = signal(SIGINT, SIG_IGN)
        var blocked = sigset_t()
        var old = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &old)
        let process = try start(
            "grep -E '^(SigBlk|SigIgn)' /proc/self/status > status.txt; cut -d' ' -f5 /proc/$$/stat > group.txt; exec sleep 60",
            in: folder)
        pthread_sigmask(SIG_SETMASK, &old, nil)
        signal(SIGINT, previous)
        defer { process.kill() }
        let group = try waitForFile("group.txt", in: folder)
        #expect(group == "\(process.processID)\n")
        let masks = try waitForFile("status.txt", in: folder).split(separator: "\n").map {
            UInt64($0.split(separator: "\t")[1], radix: 16)
        }
        // Signals 32 and 33 are glibc's own (thread cancellation, set-id broadcast): no
        // program can set them, and a new process's C library takes them over.
        let glibcReserved: UInt64 = 0x1_8000_0000
        #expect(masks.map { $0.map { $0 & ~glibcReserved } } == [0, 0], "\(masks)")
    }

    @Test("A model whose forked child keeps its output open is seen to exit at once, and the child is ended with it")
    func forkedChildHoldsOutput() throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = try start("sleep 300 & echo $! > child.txt; exit 3", in: folder)
        let child = try #require(
            Int32(try waitForFile("child.txt", in: folder).trimmingCharacters(in: .whitespacesAndNewlines)))
        let started = ContinuousClock.now
        #expect(throws: ChannelFault.closed) { try process.channel.receiveLine(deadline: .now + .seconds(20)) }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(process.exitDescription == "exited with status 3")
        process.kill()
        #expect(isGone(child))
    }

    @Test("Ending a model sends SIGTERM to its whole group, then SIGKILL to what ignores it, and reaps the model")
    func groupTermination() throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = try start("(trap '' TERM; sleep 300) & echo $! > child.txt; exec sleep 300", in: folder)
        let child = try #require(
            Int32(try waitForFile("child.txt", in: folder).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(ExternalProcessGroups.running.contains(process.processID))
        let started = ContinuousClock.now
        process.kill()
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(process.exitDescription == "was killed by signal \(SIGTERM)")
        #expect(isGone(process.processID))
        #expect(isGone(child))
        #expect(!ExternalProcessGroups.running.contains(process.processID))
    }
}

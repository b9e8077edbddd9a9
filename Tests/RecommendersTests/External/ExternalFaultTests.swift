import Foundation
import RecData
import Testing

@testable import Recommenders

@Suite("External models: faults end the model with a clear error")
struct ExternalFaultTests {
    /// The error thrown when `mode`'s fake is fitted and asked for scores.
    private func failure(_ mode: FakeModel.Mode, timeout: Double = 10) throws -> (
        ExternalModelError, FakeModel.Instance
    ) {
        let fake = try FakeModel.make(mode, timeout: timeout)
        do {
            let model = try FakeModel.fitted(fake)
            _ = try model.adapt(to: [], user: UserID(5))
        } catch let error as ExternalModelError {
            return (error, fake)
        }
        Issue.record("the fake model in mode \(mode.rawValue) did not fail")
        throw CancellationError()
    }

    private func isGone(_ processID: Int32?) -> Bool {
        guard let processID else { return false }
        return kill(processID, 0) != 0
    }

    @Test("A crash reports the exit status, the message sent and the stderr tail")
    func crash() throws {
        let (error, fake) = try failure(.crashOnScore)
        #expect(error.fault == .exited)
        #expect(error.exit == "exited with status 3")
        #expect(error.sent == #"{"type":"score","id":0}"#)
        #expect(error.received == nil)
        #expect(error.standardErrorTail.hasSuffix("RuntimeError: the model exploded"))
        let text = error.description
        #expect(text.contains("external model 'fake' (python3 fake.py crash-on-score transcript.txt)"))
        #expect(text.contains("the process exited with status 3 without answering"))
        #expect(text.contains("  received: nothing"))
        #expect(text.contains("    RuntimeError: the model exploded"))
        #expect(isGone(fake.processID))
    }

    // Timeouts leave room for Python to start on a busy machine: the timeout covers
    // every answer, the first one (hello) included.
    @Test("A hang is killed after the timeout")
    func hang() throws {
        let started = ContinuousClock.now
        let (error, fake) = try failure(.hangOnScore, timeout: 3)
        #expect(error.fault == .timedOut(seconds: 3))
        #expect(error.exit == nil)
        #expect(error.standardErrorTail == "thinking very hard")
        #expect(error.description.contains("no answer within the timeout of 3 s; the process was killed"))
        #expect(ContinuousClock.now - started < .seconds(8))
        #expect(isGone(fake.processID))
    }

    @Test("A process that stops reading is killed after the timeout")
    func stopsReading() throws {
        let (error, fake) = try failure(.stopReading, timeout: 3)
        #expect(error.fault == .timedOut(seconds: 3))
        #expect(isGone(fake.processID))
    }

    @Test("Garbage on stdout is quoted")
    func garbage() throws {
        let (error, fake) = try failure(.garbageOnScore)
        guard case .notJSON = error.fault else {
            Issue.record("expected notJSON, got \(error.fault)")
            return
        }
        #expect(error.received == "this is not json")
        #expect(error.description.contains("print logs to stderr, not stdout"))
        #expect(isGone(fake.processID))
    }

    @Test("The wrong number of scores is counted")
    func wrongCount() throws {
        let (error, _) = try failure(.wrongCount)
        #expect(error.fault == .wrongScoreCount(expected: 5, received: 4))
        #expect(error.received == #"{"type": "scores", "scores": [1, 3, 1, 0]}"#)
    }

    @Test("Too few packed scores are counted")
    func packedShort() throws {
        let (error, _) = try failure(.packedShort)
        #expect(error.fault == .wrongScoreCount(expected: 5, received: 4))
    }

    @Test("NaN scores are named")
    func nan() throws {
        let (error, _) = try failure(.nanScore)
        #expect(error.fault == .nonFiniteScore(position: 2, value: "nan"))
        #expect(error.description.contains("score 2 is nan; scores must be finite numbers"))
    }

    @Test("An unknown answer is named with the one expected")
    func unknownReply() throws {
        let (error, _) = try failure(.unknownReply)
        #expect(error.fault == .unexpectedReply(expected: "scores", received: "banana"))
    }

    @Test("An error answer carries the model's message")
    func errorReply() throws {
        let (error, _) = try failure(.errorReply)
        #expect(error.fault == .reportedError(message: "out of memory"))
    }

    @Test("Another protocol version is refused at hello")
    func version() throws {
        let (error, _) = try failure(.version2)
        #expect(error.fault == .versionMismatch(toolkit: 1, model: 2))
        #expect(error.sent?.hasPrefix(#"{"type":"hello","protocol":1,"#) == true)
    }

    @Test("A process that exits while the training data is sent is reported, not a SIGPIPE")
    func exitDuringFit() throws {
        let (error, _) = try failure(.exitAfterHello)
        #expect(error.fault == .exited)
        #expect(error.exit == "exited with status 0")
        #expect(error.standardErrorTail == "leaving early")
    }

    @Test("After a fault every later call throws the same error")
    func sticky() throws {
        let fake = try FakeModel.make(.errorReply)
        let model = try FakeModel.fitted(fake)
        let first = #expect(throws: ExternalModelError.self) { try model.adapt(to: [], user: UserID(5)) }
        let second = #expect(throws: ExternalModelError.self) { try model.adapt(to: [], user: UserID(4)) }
        #expect(first == second)
    }
}

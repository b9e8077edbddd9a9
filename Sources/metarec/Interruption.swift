import Dispatch
import Foundation
import Recommenders
import Reporting
import Synchronization

/// Turns the first Ctrl-C into a request to stop starting cells, so that finished cells
/// are kept and a partial report is written; a second Ctrl-C, or a `SIGTERM`, ends the
/// external model processes and exits at once, saying what was and was not written.
final class Interruption: Sendable {
    /// How far the run has got, which decides what a second Ctrl-C leaves behind.
    private enum Phase {
        /// Cells are running; nothing is written yet.
        case running
        /// The reports are being written into a staging folder, then moved into place.
        case writing(directory: String)
        /// The reports are in place.
        case written(directory: String)
    }

    private let requested = Atomic<Bool>(false)
    private let phase = Mutex(Phase.running)

    /// The signal sources must outlive the run; they are only touched in `install`, before
    /// any concurrent work starts, which makes the unchecked global safe.
    nonisolated(unsafe) private static var sources = [any DispatchSourceSignal]()

    /// Whether Ctrl-C was pressed.
    var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Starts listening for SIGINT and SIGTERM.
    func install() {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { [self] in
            if requested.exchange(true, ordering: .relaxed) { quit(status: 130, reason: "interrupted again") }
            FileHandle.standardError.write(
                Data(
                    "\ninterrupted: finishing running cells, then writing a partial report (Ctrl-C again to quit now)\n"
                        .utf8))
        }
        let terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        terminate.setEventHandler { [self] in quit(status: 143, reason: "terminated") }
        for source in [interrupt, terminate] { source.resume() }
        Self.sources = [interrupt, terminate]
    }

    /// Ends the model processes and exits with `status`, saying what is left behind.
    private func quit(status: Int32, reason: String) -> Never {
        // Holding the lock waits out a commit in progress, so the message is true.
        phase.withLock { phase in
            ExternalProcessGroups.terminateAll()
            if case let .writing(directory) = phase {
                try? FileManager.default.removeItem(at: ReportBundle.stagingURL(in: URL(fileURLWithPath: directory)))
            }
            FileHandle.standardError.write(Data("\n\(reason): \(Self.farewell(phase))\n".utf8))
            exit(status)
        }
    }

    /// Notes that the reports are being written into `directory`.
    func writing(into directory: URL) {
        phase.withLock { $0 = .writing(directory: directory.path) }
    }

    /// Runs `commit` (moving the finished reports into place) so that a second Ctrl-C
    /// cannot cut it short, and notes that the reports are in place.
    func committing(_ commit: () throws -> Void) throws {
        try phase.withLock { phase in
            try commit()
            if case let .writing(directory) = phase { phase = .written(directory: directory) }
        }
    }

    /// What a second Ctrl-C says in `phase`.
    private static func farewell(_ phase: Phase) -> String {
        switch phase {
        case .running:
            return "exiting without a report"
        case let .writing(directory):
            return "exiting before the report was complete; \(directory) keeps the report it had before"
        case let .written(directory):
            return "exiting; the partial report is in \(directory)"
        }
    }
}

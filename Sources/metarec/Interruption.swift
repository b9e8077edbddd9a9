import Dispatch
import Foundation
import Synchronization

/// Turns the first Ctrl-C into a request to stop starting cells, so that finished cells
/// are kept and a partial report is written; a second Ctrl-C exits at once.
final class Interruption: Sendable {
    private let requested = Atomic<Bool>(false)

    /// The signal source must outlive the run; it is only touched in `install`, before
    /// any concurrent work starts, which makes the unchecked global safe.
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?

    /// Whether Ctrl-C was pressed.
    var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Starts listening for SIGINT.
    func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [self] in
            if requested.exchange(true, ordering: .relaxed) {
                FileHandle.standardError.write(Data("\ninterrupted again: exiting without a report\n".utf8))
                exit(130)
            }
            FileHandle.standardError.write(Data("\ninterrupted: finishing running cells, then writing a partial report (Ctrl-C again to quit now)\n".utf8))
        }
        source.resume()
        Self.source = source
    }
}

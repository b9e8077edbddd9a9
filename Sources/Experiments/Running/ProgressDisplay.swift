import Foundation
import Synchronization

/// Shows a suite's progress on a terminal: on a terminal one status line rewritten in
/// place (cells done / total, the cell running, elapsed and estimated time left); when
/// the output is not a terminal, one plain line per finished cell.
public final class ProgressDisplay: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var computed = 0
        var running: [String] = []
        var started = Date()
    }

    private let state = Mutex(State())
    private let interactive: Bool
    private let write: @Sendable (String) -> Void

    /// Creates a display writing through `write`; `interactive` chooses the rewritten
    /// status line over plain lines.
    public init(interactive: Bool, write: @escaping @Sendable (String) -> Void) {
        self.interactive = interactive
        self.write = write
    }

    /// A display on standard error, interactive when standard error is a terminal.
    public static func standardError() -> ProgressDisplay {
        ProgressDisplay(interactive: isatty(STDERR_FILENO) == 1) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Takes one event and updates the display.
    public func handle(_ event: ProgressEvent) {
        let text: String? = state.withLock { state in
            switch event {
            case let .planned(total, cached):
                state.total = total
                state.done = cached
                state.started = Date()
                return cached > 0 ? "\(cached) of \(total) cells taken from the cache\n" : nil
            case let .started(cell):
                state.running.append(cell.description)
                return interactive ? statusLine(state) : nil
            case let .finished(cell, seconds, error):
                state.done += 1
                state.computed += 1
                state.running.removeAll { $0 == cell.description }
                if interactive {
                    let failure = error.map { "\r\u{1B}[2Kcell failed: \(cell): \($0)\n" } ?? ""
                    return failure + statusLine(state) + (state.done == state.total ? "\n" : "")
                }
                let status = error.map { "FAILED: \($0)" } ?? String(format: "%.2f s", seconds)
                return "[\(state.done)/\(state.total)] \(cell): \(status)\n"
            }
        }
        if let text { write(text) }
    }

    private func statusLine(_ state: State) -> String {
        let elapsed = Date().timeIntervalSince(state.started)
        let remaining = state.total - state.done
        var line = "\r\u{1B}[2K[\(state.done)/\(state.total)] \(Self.clock(elapsed)) elapsed"
        if state.computed > 0, remaining > 0 {
            line += ", ~\(Self.clock(elapsed / Double(state.computed) * Double(remaining))) left"
        }
        if let running = state.running.first {
            line += " | \(running)"
        }
        return line
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}

import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process groups of the external models that are running, so that the toolkit ends
/// them — `SIGTERM`, then `SIGKILL` after a grace period — when it is interrupted or told
/// to stop, instead of leaving them running (with their memory, or a GPU's) after it exits.
public enum ExternalProcessGroups {
    private static let live = Mutex<Set<pid_t>>([])

    /// The groups running now.
    static var running: Set<pid_t> { live.withLock { $0 } }

    static func register(_ group: pid_t) {
        live.withLock { _ = $0.insert(group) }
    }

    static func unregister(_ group: pid_t) {
        live.withLock { _ = $0.remove(group) }
    }

    /// Ends every running group; the command line calls it before exiting on a second
    /// Ctrl-C or a `SIGTERM`. Waits at most one grace period in all.
    public static func terminateAll() {
        let groups = running
        for group in groups { _ = sendSignal(-group, SIGTERM) }
        let deadline = ContinuousClock.now + ExternalProcess.terminationGrace
        while ContinuousClock.now < deadline, groups.contains(where: { isAlive($0) }) {
            usleep(20_000)
        }
        for group in groups { _ = sendSignal(-group, SIGKILL) }
    }

    /// Ends `group`: `SIGTERM` to every process in it, then, once the leader has exited and
    /// no member is left or the grace period is over, `SIGKILL` to whatever remains.
    /// `leaderExited` reaps the leader, so that it does not count as alive as a zombie.
    static func terminate(_ group: pid_t, leaderExited: () -> Bool) {
        guard sendSignal(-group, SIGTERM) == 0 else { return }
        let deadline = ContinuousClock.now + ExternalProcess.terminationGrace
        while ContinuousClock.now < deadline, !(leaderExited() && !isAlive(group)) {
            usleep(5_000)
        }
        _ = sendSignal(-group, SIGKILL)
    }

    /// Whether any process of `group` exists (a reaped leader's zombie does not).
    private static func isAlive(_ group: pid_t) -> Bool {
        sendSignal(-group, 0) == 0
    }
}

/// The C `kill`, named apart from ``ExternalProcess/kill()``.
func sendSignal(_ target: pid_t, _ signal: Int32) -> Int32 { kill(target, signal) }

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A running external model process: its line channel, its standard error, and how it
/// ended.
///
/// The process is started with `posix_spawn` in a process group of its own, with an empty
/// signal mask and every signal at its default disposition, whatever the toolkit blocks or
/// ignores. It is ended by `SIGTERM` to its whole group, then `SIGKILL` after a grace
/// period, and reaped — on a timeout, a failure, the end of the session, or when the toolkit
/// itself is interrupted (see ``ExternalProcessGroups``) — so that neither it nor a child it
/// forked outlives the toolkit. Its exit is noticed by waiting for the process, not by its
/// standard output closing, which a forked child may hold open.
///
/// Standard error goes to an unlinked temporary file, so the process never blocks on it
/// and its last lines can be quoted when something goes wrong. Every descriptor the
/// toolkit keeps is close-on-exec, so processes started by other cells at the same time
/// inherit none of them: an inherited stdout would hide this process's exit.
final class ExternalProcess {
    /// The messages' way in and out.
    let channel: LineChannel
    /// The process's id, which is also its process group's.
    let processID: pid_t
    private let errorDescriptor: Int32
    /// The wait status, once the process has been reaped.
    private var waitStatus: Int32?

    /// How long the group has to exit after `SIGTERM` before it is sent `SIGKILL`.
    static let terminationGrace: Duration = .seconds(2)

    /// Starts `config`'s command.
    /// - Throws: a description of the failure when the process cannot be started.
    init(_ config: ExternalModelConfig) throws(ExternalProcessLaunchError) {
        var socketEnds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Self.streamSocketType, 0, &socketEnds) == 0 else {
            throw ExternalProcessLaunchError(reason: "socketpair failed (errno \(errno))")
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard Self.makePipe(&pipeEnds) else {
            for end in socketEnds { _ = close(end) }
            throw ExternalProcessLaunchError(reason: "pipe failed (errno \(errno))")
        }
        socketEnds.forEach(Self.setCloseOnExec)
        var template = Array("\(NSTemporaryDirectory())/metarec-stderr-XXXXXX".utf8CString)
        let errorDescriptor = template.withUnsafeMutableBufferPointer { Self.makeTemporaryFile($0.baseAddress!) }
        guard errorDescriptor >= 0 else {
            for end in socketEnds + pipeEnds { _ = close(end) }
            throw ExternalProcessLaunchError(
                reason: "cannot create a file for the process's standard error (errno \(errno))")
        }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }

        let spawned = ProcessSpawn.start(
            executable: config.executable, arguments: config.arguments, workingDirectory: config.workingDirectory,
            standardInput: socketEnds[1], standardOutput: pipeEnds[1], standardError: errorDescriptor
        )
        _ = close(socketEnds[1])
        _ = close(pipeEnds[1])
        let processID: pid_t
        switch spawned {
        case let .success(spawnedID):
            processID = spawnedID
        case let .failure(failure):
            for descriptor in [socketEnds[0], pipeEnds[0], errorDescriptor] { _ = close(descriptor) }
            throw ExternalProcessLaunchError(
                reason: "cannot start \(config.executable): \(String(cString: strerror(failure.errno)))")
        }
        self.processID = processID
        self.errorDescriptor = errorDescriptor
        self.channel = LineChannel(writeDescriptor: socketEnds[0], readDescriptor: pipeEnds[0])
        ExternalProcessGroups.register(processID)
        channel.peerHasExited = { [unowned self] in hasExited }
    }

    deinit {
        channel.close()
        kill()
        _ = close(errorDescriptor)
    }

    // MARK: - Ending

    /// Whether the process has exited (reaping it if so).
    var hasExited: Bool {
        if waitStatus != nil { return true }
        var status: Int32 = 0
        let result = waitpid(processID, &status, WNOHANG)
        if result == processID || (result < 0 && errno == ECHILD) {
            waitStatus = result == processID ? status : 0
        }
        return waitStatus != nil
    }

    /// Ends the process and every process of its group: `SIGTERM`, then `SIGKILL` after
    /// ``terminationGrace``; reaps the process. Harmless when it has already exited (a child
    /// it left behind is still ended).
    func kill() {
        ExternalProcessGroups.terminate(processID, leaderExited: { self.hasExited })
        if waitStatus == nil {
            var status: Int32 = 0
            while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
            waitStatus = status
        }
        ExternalProcessGroups.unregister(processID)
    }

    /// Waits up to `seconds` for the process to exit; `true` when it has.
    @discardableResult
    func waitForExit(within seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1_000))
        var pause = 1
        while !hasExited {
            guard ContinuousClock.now < deadline else { return false }
            usleep(UInt32(pause * 1_000))
            pause = min(pause * 2, 50)
        }
        return true
    }

    /// How the process ended (`exited with status 1`, `was killed by signal 9`), or `nil`
    /// while it runs.
    var exitDescription: String? {
        guard hasExited, let status = waitStatus else { return nil }
        let signal = status & 0x7f
        if signal == 0 { return "exited with status \((status >> 8) & 0xff)" }
        return "was killed by signal \(signal)"
    }

    // MARK: - Standard error

    /// The last `lines` lines the process wrote to standard error (at most `bytes` bytes).
    func standardErrorTail(lines: Int = 20, bytes: Int = 4_096) -> String {
        var status = stat()
        guard fstat(errorDescriptor, &status) == 0, status.st_size > 0 else { return "" }
        let size = Int(status.st_size)
        let count = min(size, bytes)
        var tail = [UInt8](repeating: 0, count: count)
        let read = tail.withUnsafeMutableBytes { pread(errorDescriptor, $0.baseAddress!, count, off_t(size - count)) }
        guard read > 0 else { return "" }
        let text = String(decoding: tail[0..<read], as: UTF8.self)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Descriptors

    #if os(Linux)
        private static let streamSocketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
        private static let streamSocketType = SOCK_STREAM
    #endif

    /// A pipe whose ends are both close-on-exec.
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        ends.forEach(setCloseOnExec)
        return true
    }

    /// `mkstemp`, the descriptor close-on-exec.
    private static func makeTemporaryFile(_ template: UnsafeMutablePointer<CChar>) -> Int32 {
        let descriptor = mkstemp(template)
        if descriptor >= 0 { setCloseOnExec(descriptor) }
        return descriptor
    }

    private static func setCloseOnExec(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
    }
}

/// Why an external model process could not be started.
struct ExternalProcessLaunchError: Error {
    /// What failed.
    let reason: String
}

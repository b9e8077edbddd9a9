import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running external model process: its line channel, its standard error, and how it
/// ended.
///
/// Standard error goes to an unlinked temporary file, so the process never blocks on it
/// and its last lines can be quoted when something goes wrong. Every descriptor the
/// toolkit keeps is close-on-exec (and Foundation closes all others in the child), so
/// processes started by other cells at the same time inherit none of them: an inherited
/// stdout would hide this process's exit.
final class ExternalProcess {
    /// The messages' way in and out.
    let channel: LineChannel
    private let process: Process
    private let errorDescriptor: Int32

    /// Starts `config`'s command.
    /// - Throws: a description of the failure when the process cannot be started.
    init(_ config: ExternalModelConfig) throws(ExternalProcessLaunchError) {
        var socketEnds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Self.streamSocketType, 0, &socketEnds) == 0 else {
            throw ExternalProcessLaunchError(reason: "socketpair failed (errno \(errno))")
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard Self.makePipe(&pipeEnds) else {
            socketEnds.forEach { _ = close($0) }
            throw ExternalProcessLaunchError(reason: "pipe failed (errno \(errno))")
        }
        socketEnds.forEach(Self.setCloseOnExec)
        var template = Array("\(NSTemporaryDirectory())/metarec-stderr-XXXXXX".utf8CString)
        let errorDescriptor = template.withUnsafeMutableBufferPointer { Self.makeTemporaryFile($0.baseAddress!) }
        guard errorDescriptor >= 0 else {
            (socketEnds + pipeEnds).forEach { _ = close($0) }
            throw ExternalProcessLaunchError(reason: "cannot create a file for the process's standard error (errno \(errno))")
        }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: config.executable)
        process.arguments = config.arguments
        process.currentDirectoryURL = URL(fileURLWithPath: config.workingDirectory)
        process.standardInput = FileHandle(fileDescriptor: socketEnds[1], closeOnDealloc: false)
        process.standardOutput = FileHandle(fileDescriptor: pipeEnds[1], closeOnDealloc: false)
        process.standardError = FileHandle(fileDescriptor: errorDescriptor, closeOnDealloc: false)
        do {
            try process.run()
        } catch {
            (socketEnds + pipeEnds + [errorDescriptor]).forEach { _ = close($0) }
            throw ExternalProcessLaunchError(reason: "cannot start \(config.executable): \(error.localizedDescription)")
        }
        _ = close(socketEnds[1])
        _ = close(pipeEnds[1])
        self.process = process
        self.errorDescriptor = errorDescriptor
        self.channel = LineChannel(writeDescriptor: socketEnds[0], readDescriptor: pipeEnds[0])
    }

    deinit {
        channel.close()
        if process.isRunning { kill() }
        _ = close(errorDescriptor)
    }

    // MARK: - Ending

    /// Kills the process (`SIGKILL`) and waits briefly for it to be reaped.
    func kill() {
        if process.isRunning {
            _ = sendSignal(process.processIdentifier, SIGKILL)
        }
        _ = waitForExit(within: 5)
    }

    /// Waits up to `seconds` for the process to exit; `true` when it has.
    @discardableResult
    func waitForExit(within seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1_000))
        var pause = 1
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return false }
            usleep(UInt32(pause * 1_000))
            pause = min(pause * 2, 50)
        }
        return true
    }

    /// How the process ended (`exited with status 1`, `was killed by signal 9`), or `nil`
    /// while it runs.
    var exitDescription: String? {
        guard !process.isRunning else { return nil }
        switch process.terminationReason {
        case .exit: return "exited with status \(process.terminationStatus)"
        case .uncaughtSignal: return "was killed by signal \(process.terminationStatus)"
        @unknown default: return "ended (status \(process.terminationStatus))"
        }
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

/// The C `kill`, named apart from ``ExternalProcess/kill()``.
private func sendSignal(_ pid: Int32, _ signal: Int32) -> Int32 { kill(pid, signal) }

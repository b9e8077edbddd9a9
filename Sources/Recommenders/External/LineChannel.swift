#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a ``LineChannel`` operation failed.
enum ChannelFault: Error, Equatable {
    /// The deadline passed before the line was sent or a whole line arrived.
    case timedOut
    /// The other side closed its end (the process exited or closed its stdin or stdout).
    case closed
    /// A line grew past ``LineChannel/maximumLineLength`` bytes without a newline.
    case lineTooLong
    /// A system call failed.
    case system(call: String, errno: Int32)
}

/// Newline-delimited messages over a child process's stdin and stdout, each operation
/// bounded by a deadline.
///
/// Writes go to a stream socket (so that writing to a process that has exited fails with
/// `EPIPE` instead of raising `SIGPIPE`); reads come from a non-blocking pipe. While a
/// long line is being written, whatever the process prints is read and kept, so neither
/// side can block the other on a full buffer.
final class LineChannel {
    /// The longest line accepted from the process: 256 MiB.
    static let maximumLineLength = 256 << 20

    private let writeDescriptor: Int32
    private let readDescriptor: Int32
    /// Bytes read and not yet returned, from `start` on.
    private var buffer: [UInt8] = []
    private var start = 0
    /// How far `buffer` has been searched for a newline.
    private var scanned = 0
    /// Where `read` puts what the pipe holds, reused.
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var closed = false
    /// Tells whether the process at the other end has exited; while it waits, the channel
    /// asks every ``exitCheckInterval``, so that a process whose output a forked child
    /// still holds open is not mistaken for a slow one.
    var peerHasExited: (() -> Bool)?
    /// How often a wait asks ``peerHasExited``.
    static let exitCheckInterval: Duration = .milliseconds(100)

    /// Creates a channel over the toolkit's ends: `writeDescriptor` a stream socket
    /// connected to the process's stdin, `readDescriptor` the read end of its stdout.
    /// The channel owns both and closes them.
    init(writeDescriptor: Int32, readDescriptor: Int32) {
        self.writeDescriptor = writeDescriptor
        self.readDescriptor = readDescriptor
        _ = fcntl(readDescriptor, F_SETFL, fcntl(readDescriptor, F_GETFL) | O_NONBLOCK)
        #if canImport(Darwin)
            var on: Int32 = 1
            _ = setsockopt(writeDescriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    deinit { close() }

    /// Closes both descriptors; the process reads end-of-file on its stdin.
    func close() {
        guard !closed else { return }
        closed = true
        _ = systemClose(writeDescriptor)
        _ = systemClose(readDescriptor)
    }

    /// Bytes received after the last whole line: a partial answer, for error messages.
    var unreadBytes: [UInt8] { Array(buffer[start...]) }

    // MARK: - Sending

    /// Sends `bytes`: one or more lines, each ended by a newline.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ChannelFault) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                sendNoSignal(writeDescriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            let error = errno
            switch error {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                try waitForWritable(deadline: deadline)
            case EPIPE, ECONNRESET:
                throw .closed
            default:
                throw .system(call: "send", errno: error)
            }
        }
    }

    /// Waits until the socket accepts more bytes, reading the process's output meanwhile.
    private func waitForWritable(deadline: ContinuousClock.Instant) throws(ChannelFault) {
        var descriptors = [
            pollfd(fd: writeDescriptor, events: Int16(POLLOUT), revents: 0),
            pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        guard try waitForPeer(&descriptors, deadline: deadline) else { throw .closed }
        if descriptors[1].revents != 0 {
            _ = try readAvailable()
        }
    }

    // MARK: - Receiving

    /// The next line, without its newline (and without a carriage return before it).
    func receiveLine(deadline: ContinuousClock.Instant) throws(ChannelFault) -> [UInt8] {
        while true {
            if let newline = newlineIndex() {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                scanned = start
                compact()
                return line
            }
            scanned = buffer.count
            guard buffer.count - start <= Self.maximumLineLength else { throw .lineTooLong }
            var descriptors = [pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)]
            let before = buffer.count
            let ready = try waitForPeer(&descriptors, deadline: deadline)
            guard try readAvailable() else { throw .closed }
            // The process exited and left nothing more to read.
            if !ready, buffer.count == before { throw .closed }
        }
    }

    /// The index of the first newline in `buffer` from `scanned` on.
    private func newlineIndex() -> Int? {
        guard scanned < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            memchr(bytes.baseAddress! + scanned, Int32(UInt8(ascii: "\n")), bytes.count - scanned)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes.baseAddress!) }
        }
    }

    /// Reads what the pipe holds into the buffer; `false` at end of file.
    private func readAvailable() throws(ChannelFault) -> Bool {
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress!, $0.count) }
            if count > 0 {
                buffer += chunk[0..<count]
                return true
            }
            if count == 0 { return false }
            let error = errno
            switch error {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return true
            default: throw .system(call: "read", errno: error)
            }
        }
    }

    private func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanned = 0
        } else if start > 1 << 20 {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
    }

    // MARK: - Waiting

    /// Waits until a descriptor is ready (`true`) or the process at the other end has
    /// exited (`false`).
    /// - Throws: ``ChannelFault/timedOut`` at `deadline`.
    private func waitForPeer(_ descriptors: inout [pollfd], deadline: ContinuousClock.Instant) throws(ChannelFault)
        -> Bool
    {
        while true {
            let slice = ContinuousClock.now + Self.exitCheckInterval
            let ready = try poll(&descriptors, deadline: peerHasExited == nil ? deadline : min(slice, deadline))
            if ready { return true }
            guard ContinuousClock.now < deadline else { throw .timedOut }
            if peerHasExited?() == true { return false }
        }
    }

    /// Polls until one descriptor is ready (`true`) or the deadline passes (`false`).
    private func poll(_ descriptors: inout [pollfd], deadline: ContinuousClock.Instant) throws(ChannelFault) -> Bool {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return false }
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: seconds * 1_000 + attoseconds / 1_000_000_000_000_000 + 1)
            let ready = descriptors.withUnsafeMutableBufferPointer {
                systemPoll($0.baseAddress!, nfds_t($0.count), milliseconds)
            }
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { throw .system(call: "poll", errno: errno) }
        }
    }
}

// MARK: - System calls

/// `send` without `SIGPIPE`: a closed peer is an `EPIPE` error, not a signal.
private func sendNoSignal(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if os(Linux)
        return send(descriptor, bytes, count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
    #else
        return send(descriptor, bytes, count, MSG_DONTWAIT)
    #endif
}

/// The C `close`, named apart from ``LineChannel/close()``.
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }

/// The C `poll`, named apart from the channel's own.
private func systemPoll(_ descriptors: UnsafeMutablePointer<pollfd>, _ count: nfds_t, _ timeout: Int32) -> Int32 {
    poll(descriptors, count, timeout)
}

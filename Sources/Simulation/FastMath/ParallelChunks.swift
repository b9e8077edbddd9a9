import Dispatch
import Foundation

/// Deterministic parallel work over index ranges.
///
/// The range `0..<count` is cut into fixed chunks; up to `threads` workers claim chunks
/// in turn and results are returned in chunk order. Because the chunking never depends
/// on the thread count and every chunk's work depends only on its indices, the result
/// is the same for any number of threads.
enum ParallelChunks {
    /// The number of worker threads used when a caller does not say: the active cores.
    static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `body` applied to each chunk of `0..<count`, in chunk order.
    static func map<Result: Sendable>(
        count: Int, chunkSize: Int, threads: Int, _ body: @escaping @Sendable (Range<Int>) -> Result
    ) -> [Result] {
        map(count: count, chunkSize: chunkSize, threads: threads, workerState: { () }, { _, range in body(range) })
    }

    /// `body` applied to each chunk of `0..<count`, in chunk order, with a scratch state
    /// that each worker creates once with `workerState` and reuses across its chunks.
    static func map<State, Result: Sendable>(
        count: Int, chunkSize: Int, threads: Int,
        workerState: @escaping @Sendable () -> State,
        _ body: @escaping @Sendable (inout State, Range<Int>) -> Result
    ) -> [Result] {
        let size = max(1, chunkSize)
        let chunks = (count + size - 1) / size
        let range = { @Sendable (chunk: Int) in (chunk * size)..<min(count, (chunk + 1) * size) }
        let workers = min(max(1, threads), chunks)
        if workers <= 1 {
            var state = workerState()
            return (0..<chunks).map { body(&state, range($0)) }
        }
        let board = ChunkBoard<Result>(chunks: chunks)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = workerState()
            while let chunk = board.claim() {
                board.store(body(&state, range(chunk)), at: chunk)
            }
        }
        return board.results()
    }
}

/// The shared board of a parallel map: which chunk is next, and the finished results.
private final class ChunkBoard<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var finished: [Result?]

    init(chunks: Int) {
        finished = Array(repeating: nil, count: chunks)
    }

    /// The next unclaimed chunk, or `nil` when all are claimed.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < finished.count else { return nil }
        next += 1
        return next - 1
    }

    /// Records the result of `chunk`.
    func store(_ result: Result, at chunk: Int) {
        lock.lock()
        finished[chunk] = result
        lock.unlock()
    }

    /// All results in chunk order; every chunk must be finished.
    func results() -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        return finished.map { $0! }
    }
}

import Dispatch
import Foundation

/// Runs the tasks of a meta-batch on several threads and returns their results in task
/// order, so that any reduction over them is the same whatever the number of threads.
public enum TaskParallel {
    /// `body` applied to every element of `items` on up to `workers` threads; results in
    /// the order of `items`.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], workers: Int, _ body: @Sendable (Item) -> Result
    ) -> [Result] {
        let count = items.count
        guard workers > 1, count > 1 else { return items.map(body) }
        let slots = Slots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
            while let index = slots.claim() {
                slots.store(body(items[index]), at: index)
            }
        }
        return slots.collect()
    }
}

// MARK: - Result slots

/// A fixed array of result slots that concurrent workers claim one by one and fill, so a
/// worker that the system delays holds up no more than the task it is on.
///
/// `@unchecked Sendable` is safe here: indices are handed out under a lock, so every slot
/// is written by exactly one worker, and the slots are read only in ``collect()``, after
/// `concurrentPerform` has returned, which orders all writes before the reads.
private final class Slots<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>
    private let lock = NSLock()
    private var next = 0

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    /// The next unclaimed index, or `nil` when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < buffer.count else { return nil }
        next += 1
        return next - 1
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ value: Value, at index: Int) {
        buffer[index] = value
    }

    func collect() -> [Value] {
        buffer.map { $0! }
    }
}

import Dispatch

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
        let lanes = min(workers, count)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var index = lane
            while index < count {
                slots.store(body(items[index]), at: index)
                index += lanes
            }
        }
        return slots.collect()
    }
}

// MARK: - Result slots

/// A fixed array of result slots that concurrent workers fill.
///
/// `@unchecked Sendable` is safe here: every slot is written by exactly one worker (lane
/// `l` owns the indices `l, l + lanes, …`), and the slots are read only in ``collect()``,
/// after `concurrentPerform` has returned, which orders all writes before the reads.
private final class Slots<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
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

import RecData
import TestSupport
import Testing

@testable import Simulation

@Suite("Determinism")
struct DeterminismTests {
    @Test("The same seed gives the same world, whatever the thread count", arguments: WorldFamily.allCases)
    func sameSeed(family: WorldFamily) {
        var config = TestWorlds.config(family)
        config.common.users = 150
        let one = config.generate(seed: 3, threads: 1)
        let two = config.generate(seed: 3, threads: 2)
        let three = config.generate(seed: 3, threads: 3)
        #expect(one.fingerprint == two.fingerprint)
        #expect(one.fingerprint == three.fingerprint)
        #expect(!one.dataset.interactions.isEmpty)
    }

    @Test("Another seed gives another world", arguments: WorldFamily.allCases)
    func otherSeed(family: WorldFamily) {
        var config = TestWorlds.config(family)
        config.common.users = 150
        let one = config.generate(seed: 3, threads: 2)
        let other = config.generate(seed: 4, threads: 2)
        #expect(one.dataset.interactions != other.dataset.interactions)
        #expect(one.oracle.userVectors != other.oracle.userVectors)
        #expect(one.oracle.itemVectors != other.oracle.itemVectors)
    }

    @Test("Deterministic parallel map returns chunks in order for any thread count")
    func parallelChunks() {
        let expected = (0..<1_000).map { $0 * $0 }
        for threads in [1, 2, 5] {
            let chunks = ParallelChunks.map(count: 1_000, chunkSize: 37, threads: threads) { range in
                range.map { $0 * $0 }
            }
            #expect(chunks.flatMap { $0 } == expected)
        }
    }

    @Test("The radix sort orders keys and is stable")
    func radixSort() {
        var random = RandomSource(seed: 5)
        let keys = (0..<5_000).map { _ in
            UInt64(random.nextIndex(below: 1 << 20)) << 20 | UInt64(random.nextIndex(below: 50))
        }
        let order = EventOrder.sortingPermutation(of: keys)
        let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map(UInt32.init)
        #expect(order == expected)
        #expect(EventOrder.sortingPermutation(of: [UInt64](repeating: 9, count: 4)) == [0, 1, 2, 3])
    }
}

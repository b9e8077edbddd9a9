import Testing

@testable import Learning

/// Meta-batch results are bit-for-bit the same whatever the worker and BLAS thread counts.
@Suite("Determinism across thread counts", .serialized)
struct DeterminismTests {
    @Test(
        "Meta-batch gradient (three stacks of tasks, or tasks one by one when only the embeddings adapt) with 1, 2 or 3 workers and 1 or 2 BLAS threads",
        arguments: [true, false]
    )
    func threadCounts(stacked: Bool) {
        var random = TestGenerator(seed: 11)
        let fields = (0..<8).map { _ in InputField.categorical(cardinality: 20, dimension: 32) }
        let network = FeatureNetwork(fields: fields, hiddenWidths: [64, 64])
        let parameters = network.initialParameters(outputBias: 3, using: &random)
        let tasks = (0..<(2 * InnerLoop.tasksPerStack + 3)).map { _ in
            MetaTask(
                support: Fixtures.batch(for: network, rows: 40, random: &random),
                supportObjective: Fixtures.objective("mse", rows: 40, random: &random),
                query: Fixtures.batch(for: network, rows: 30, random: &random),
                queryObjective: Fixtures.objective("mse", rows: 30, random: &random)
            )
        }
        let adapted = stacked ? network.decisionIndices : network.encoderIndices
        let loop = InnerLoop(network: network, adaptedIndices: adapted, steps: 2, learningRate: 0.05)
        #expect(loop.stacksTasks == stacked)
        let original = BLAS.threadCount
        defer { BLAS.setThreadCount(original) }
        var results = [ParameterSet]()
        for blasThreads in [1, 2] {
            BLAS.setThreadCount(blasThreads)
            for workers in [1, 2, 3] {
                results.append(loop.metaGradient(parameters, tasks: tasks, order: .second, workers: workers).gradient)
            }
        }
        #expect(results[0].norm > 0)
        for result in results.dropFirst() {
            #expect(result == results[0])
        }
    }
}

@Suite("Blocked BLAS products", .serialized)
struct BlockedProductTests {
    @Test(
        "Large products are identical for 1 and 2 BLAS threads and match a naive sum",
        arguments: [(300, 256, 64), (3, 70_000, 2), (1_000, 7, 300)])
    func blocked(m: Int, k: Int, n: Int) {
        var random = TestGenerator(seed: UInt64(m + k + n))
        let a = random.matrix(m, k)
        let b = random.matrix(k, n)
        let original = BLAS.threadCount
        defer { BLAS.setThreadCount(original) }
        BLAS.setThreadCount(1)
        let single = Matrix.product(a, b)
        BLAS.setThreadCount(2)
        let double = Matrix.product(a, b)
        let transposed = Matrix.product(a.transposed, b.transposed, transposeA: true, transposeB: true)
        #expect(single == double)
        for (i, j) in [(0, 0), (m - 1, n - 1), (m / 2, n / 3)] {
            var total = 0.0
            for kk in 0..<k { total += Double(a[i, kk]) * Double(b[kk, j]) }
            #expect(abs(Double(single[i, j]) - total) < 1e-3 * max(1, abs(total)))
            #expect(abs(Double(transposed[i, j]) - total) < 1e-3 * max(1, abs(total)))
        }
    }
}

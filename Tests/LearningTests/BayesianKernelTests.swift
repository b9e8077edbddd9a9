import Foundation
import Testing

@testable import Learning

/// The Bayesian head's `Double` kernels that work on several rows or columns side by side
/// against the one-at-a-time loops they replace: bit for bit where the same products are
/// added or subtracted in the same order, to a tolerance where sums of rows became matrix
/// products.
@Suite("Bayesian head kernels, side by side against one at a time")
struct BayesianKernelTests {
    /// A random symmetric positive-definite `n × n` matrix `GGᵀ + n·I`.
    private func positiveDefinite(_ n: Int, random: inout TestGenerator) -> [Double] {
        let g = (0..<(n * n)).map { _ in Double(random.float()) }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var total = i == j ? Double(n) : 0
                for k in 0..<n { total += g[i * n + k] * g[j * n + k] }
                a[i * n + j] = total
            }
        }
        return a
    }

    // MARK: - The loops replaced

    /// The row-by-row Cholesky factorization.
    private func rowByRowFactor(_ matrix: [Double], size n: Int) -> [Double]? {
        var l = matrix
        for i in 0..<n {
            for j in 0...i {
                var sum = l[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
            for j in (i + 1)..<n { l[i * n + j] = 0 }
        }
        return l
    }

    /// The predictive loss with one solve and one product per row.
    private func rowByRowPredictiveLoss(
        _ prior: GaussianPrior, supportFeatures hs: Matrix, supportTargets ys: [Float], queryFeatures hq: Matrix,
        queryTargets yq: [Float]
    ) -> PredictiveLossGradient? {
        let m = prior.size
        let beta = 1 / prior.noiseVariance
        var statistics = SufficientStatistics(prior: prior)
        statistics.observe(features: hs, targets: ys, noiseVariance: prior.noiseVariance)
        guard let posterior = statistics.posterior(noiseVariance: prior.noiseVariance) else { return nil }
        var result = PredictiveLossGradient(
            loss: 0, supportFeatures: Matrix(zerosLike: hs), queryFeatures: Matrix(zerosLike: hq),
            precision: [Double](repeating: 0, count: m * m), information: [Double](repeating: 0, count: m),
            noiseVariance: 0)
        let n = Double(hq.rows)
        var meanGradient = [Double](repeating: 0, count: m)
        for i in 0..<hq.rows {
            let phi = GaussianPrior.augmented(hq, row: i)
            let z = CholeskySolver.solve(factor: posterior.factor, size: m, phi)
            let s = prior.noiseVariance + DenseAlgebra.dot(phi, z)
            let r = Double(yq[i]) - DenseAlgebra.dot(phi, posterior.mean)
            result.loss += 0.5 * (log(2 * Double.pi * s) + r * r / s) / n
            let a = -r / (n * s)
            let c = (1 / s - r * r / (s * s)) / (2 * n)
            for column in 0..<(m - 1) {
                result.queryFeatures[i, column] = Float(a * posterior.mean[column] + 2 * c * z[column])
            }
            DenseAlgebra.add(&meanGradient, phi, scale: a)
            DenseAlgebra.addOuter(&result.precision, z, z, scale: -c)
            result.noiseVariance += c
        }
        result.information = CholeskySolver.solve(factor: posterior.factor, size: m, meanGradient)
        DenseAlgebra.addOuter(&result.precision, result.information, posterior.mean, scale: -1)
        var symmetric = result.precision
        for i in 0..<m { for j in 0..<m { symmetric[i * m + j] += result.precision[j * m + i] } }
        var betaGradient = 0.0
        for j in 0..<hs.rows {
            let phi = GaussianPrior.augmented(hs, row: j)
            let u = DenseAlgebra.product(symmetric, phi)
            let y = Double(ys[j])
            for column in 0..<(m - 1) {
                result.supportFeatures[j, column] = Float(beta * (u[column] + y * result.information[column]))
            }
            betaGradient += 0.5 * DenseAlgebra.dot(phi, u) + y * DenseAlgebra.dot(result.information, phi)
        }
        result.noiseVariance -= beta * beta * betaGradient
        return result
    }

    // MARK: - Tests

    @Test("The column-by-column Cholesky factor is the row-by-row one bit for bit, and refuses the same matrices")
    func factor() throws {
        var random = TestGenerator(seed: 11)
        for n in [1, 2, 3, 7, 16, 33, 65] {
            let a = positiveDefinite(n, random: &random)
            let expected = try #require(rowByRowFactor(a, size: n))
            #expect(CholeskySolver.factor(a, size: n) == expected, "n = \(n)")
            var indefinite = a
            indefinite[(n - 1) * n + (n - 1)] = -1
            #expect(CholeskySolver.factor(indefinite, size: n) == nil)
            #expect(rowByRowFactor(indefinite, size: n) == nil)
        }
        #expect(CholeskySolver.factor([.nan], size: 1) == nil)
    }

    @Test("Solving many right-hand sides side by side gives each column's own solve bit for bit")
    func solveColumns() throws {
        var random = TestGenerator(seed: 12)
        for (n, columns) in [(1, 1), (5, 3), (6, 2), (65, 1), (65, 17), (40, 64), (66, 33)] {
            let l = try #require(CholeskySolver.factor(positiveDefinite(n, random: &random), size: n))
            let b = (0..<(n * columns)).map { _ in Double(random.float()) }
            let x = CholeskySolver.solve(factor: l, size: n, rightHandSides: b, columns: columns)
            for column in 0..<columns {
                let alone = CholeskySolver.solve(
                    factor: l, size: n, DenseAlgebra.column(column, of: b, columns: columns))
                #expect(DenseAlgebra.column(column, of: x, columns: columns) == alone, "n = \(n), column \(column)")
            }
        }
        #expect(CholeskySolver.solve(factor: [2], size: 1, rightHandSides: [], columns: 0) == [])
    }

    @Test("A matrix times many columns side by side gives each column's product bit for bit")
    func productColumns() {
        var random = TestGenerator(seed: 13)
        for (n, columns) in [(1, 1), (4, 9), (65, 20), (65, 0)] {
            let a = (0..<(n * n)).map { _ in Double(random.float()) }
            let b = (0..<(n * columns)).map { _ in Double(random.float()) }
            let product = DenseAlgebra.product(a, size: n, b, columns: columns)
            #expect(product.count == n * columns)
            for column in 0..<columns {
                #expect(
                    DenseAlgebra.column(column, of: product, columns: columns)
                        == DenseAlgebra.product(a, DenseAlgebra.column(column, of: b, columns: columns)))
            }
        }
    }

    @Test("The prior precision FFᵀ + εI accumulated row by row side by side is the entry-by-entry one bit for bit")
    func priorPrecision() {
        for seed in UInt64(1)...3 {
            var random = TestGenerator(seed: seed)
            let network = Fixtures.network(adapter: nil, random: &random)
            let loop = BayesianHeadLoop(network: network)
            let parameters = Fixtures.parameters(for: network, random: &random)
            var priorParameters = loop.initialPriorParameters(precision: 2, noiseVariance: 0.5)
            priorParameters[0].add(random.matrix(loop.headSize, loop.headSize, scale: 0.3))
            let prior = loop.prior(parameters, prior: priorParameters)
            let m = loop.headSize
            let factor = priorParameters[0].storage.map(Double.init)
            var expected = [Double](repeating: 0, count: m * m)
            for i in 0..<m {
                for j in 0...i {
                    var total = i == j ? BayesianHeadLoop.jitter : 0
                    for k in 0..<m { total += factor[i * m + k] * factor[j * m + k] }
                    expected[i * m + j] = total
                    expected[j * m + i] = total
                }
            }
            #expect(prior.precision == expected, "seed \(seed)")
        }
    }

    @Test(
        "The predictive loss and its gradients with the rows' sums as matrix products are the row-by-row ones",
        arguments: [(5, 4), (1, 9), (0, 3), (12, 30), (70, 5)]
    )
    func predictiveLoss(support: Int, query: Int) throws {
        for seed in UInt64(1)...3 {
            var random = TestGenerator(seed: seed)
            let width = random.int(3...8)
            let m = width + 1
            var precision = positiveDefinite(m, random: &random)
            for index in precision.indices { precision[index] /= Double(m) }
            let prior = GaussianPrior(
                mean: (0..<m).map { _ in Double(random.float()) }, precision: precision, noiseVariance: 0.4)
            let hs = random.matrix(support, width)
            let hq = random.matrix(query, width)
            let ys = (0..<support).map { _ in random.float(1...5) }
            let yq = (0..<query).map { _ in random.float(1...5) }
            let fast = try #require(
                prior.predictiveLoss(supportFeatures: hs, supportTargets: ys, queryFeatures: hq, queryTargets: yq))
            let slow = try #require(
                rowByRowPredictiveLoss(
                    prior, supportFeatures: hs, supportTargets: ys, queryFeatures: hq, queryTargets: yq))
            #expect(close(fast.loss, slow.loss))
            #expect(
                prior.predictiveLossValue(
                    supportFeatures: hs, supportTargets: ys, queryFeatures: hq, queryTargets: yq) == fast.loss)
            #expect(close(fast.supportFeatures.storage.map(Double.init), slow.supportFeatures.storage.map(Double.init)))
            #expect(close(fast.queryFeatures.storage.map(Double.init), slow.queryFeatures.storage.map(Double.init)))
            #expect(close(fast.precision, slow.precision))
            #expect(close(fast.information, slow.information))
            #expect(close(fast.noiseVariance, slow.noiseVariance))
        }
    }

    @Test("The blocked Double matrix product is the entry-by-entry sum, transposed or not, however long its depth")
    func doubleProduct() {
        var random = TestGenerator(seed: 15)
        for (m, n, k) in [(1, 1, 1), (3, 5, 7), (65, 65, 80), (700, 400, 3), (2, 3, 0)] {
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = (0..<(m * k)).map { _ in Double(random.float()) }
                let b = (0..<(k * n)).map { _ in Double(random.float()) }
                let start = (0..<(m * n)).map { _ in Double(random.float()) }
                var c = start
                DenseAlgebra.addProduct(
                    &c, m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB, scale: -0.5)
                var expected = start
                for i in 0..<m {
                    for j in 0..<n {
                        var total = 0.0
                        for p in 0..<k {
                            let left = transposeA ? a[p * m + i] : a[i * k + p]
                            total += left * (transposeB ? b[j * k + p] : b[p * n + j])
                        }
                        expected[i * n + j] += -0.5 * total
                    }
                }
                #expect(close(c, expected), "\(m)×\(n)×\(k), transposes \(transposeA) \(transposeB)")
            }
        }
    }

    /// Whether `x` and `y` agree to a relative `1e-5` of the larger magnitude (floats) or of 1.
    private func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-5 * max(1, abs(x), abs(y)) }

    /// Whether `x` and `y` agree entry by entry (``close(_:_:)-(Double,Double)``).
    private func close(_ x: [Double], _ y: [Double]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { close($0, $1) }
    }

    @Test(
        "Posterior scores of blocks of rows side by side, or of the columns of transposed features, are each row's bias-then-columns sum bit for bit"
    )
    func scores() throws {
        var random = TestGenerator(seed: 14)
        for rows in [0, 1, 15, 16, 17, 100] {
            let width = 6
            let prior = GaussianPrior(
                mean: (0...width).map { _ in Double(random.float()) },
                precision: positiveDefinite(width + 1, random: &random),
                noiseVariance: 0.3)
            let posterior = try #require(
                prior.posterior(features: random.matrix(4, width), targets: [1, 2, 3, 4]))
            let features = random.matrix(rows, width)
            let weights = (0...width).map { _ in Double(random.float()) }
            for w in [nil, weights] {
                let expected = (0..<rows).map { row in
                    let v = w ?? posterior.mean
                    var total = v[width]
                    for column in 0..<width { total += v[column] * Double(features[row, column]) }
                    return Float(total)
                }
                #expect(posterior.scores(features, weights: w) == expected, "\(rows) rows")
                #expect(posterior.scores(columns: features.transposed, weights: w) == expected, "\(rows) columns")
            }
        }
    }
}

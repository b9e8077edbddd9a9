import Foundation

/// The gradient of a task's predictive loss with respect to what the loss is computed
/// from: the two feature matrices, the posterior's information form `(Λ, b)` and `σ²`.
public struct PredictiveLossGradient: Sendable {
    /// The loss: the mean negative log predictive density of the query targets.
    public var loss: Double
    /// `∂L/∂H` of the support features (without the bias column).
    public var supportFeatures: Matrix
    /// `∂L/∂H` of the query features (without the bias column).
    public var queryFeatures: Matrix
    /// `∂L/∂Λ` of the posterior precision, row-major.
    public var precision: [Double]
    /// `∂L/∂b` of the posterior information vector.
    public var information: [Double]
    /// `∂L/∂σ²` (through the likelihood and the predictive variance).
    public var noiseVariance: Double
}

// MARK: - Predictive loss and its gradient

extension GaussianPrior {
    /// ALPaCA's meta-training loss for one task: the posterior given the support set, then
    /// `(1/n) Σ −log N(yᵢ; φᵢᵀμₙ, σ² + φᵢᵀΛₙ⁻¹φᵢ)` over the query set, and its exact
    /// gradient back through the closed-form posterior; `nil` when the posterior precision
    /// is not positive definite.
    ///
    /// With `zᵢ = Λₙ⁻¹φᵢ`, `rᵢ` the residual, `sᵢ` the predictive variance, `aᵢ = −rᵢ/(n sᵢ)`
    /// and `cᵢ = (1/sᵢ − rᵢ²/sᵢ²)/(2n)`: `∂L/∂φᵢ = aᵢμₙ + 2cᵢzᵢ`, `∂L/∂b = Λₙ⁻¹ Σ aᵢφᵢ`,
    /// `∂L/∂Λ = −Σ cᵢzᵢzᵢᵀ − (∂L/∂b) μₙᵀ`; the support features and `σ²` enter through
    /// `Λ = Λ₀ + ΦᵀΦ/σ²` and `b = Λ₀μ₀ + Φᵀy/σ²`. The sums over rows of outer products
    /// (`Σ cᵢzᵢzᵢᵀ`, and `(G + Gᵀ)Φᵀ` for the support rows) are matrix products.
    public func predictiveLoss(
        supportFeatures hs: Matrix, supportTargets ys: [Float], queryFeatures hq: Matrix, queryTargets yq: [Float]
    ) -> PredictiveLossGradient? {
        let m = size
        let beta = 1 / noiseVariance
        guard let query = queryTerms(supportFeatures: hs, supportTargets: ys, queryFeatures: hq, queryTargets: yq)
        else { return nil }
        let posterior = query.posterior
        var result = PredictiveLossGradient(
            loss: query.loss, supportFeatures: Matrix(zerosLike: hs), queryFeatures: Matrix(zerosLike: hq),
            precision: [Double](repeating: 0, count: m * m), information: [Double](repeating: 0, count: m),
            noiseVariance: 0
        )
        let nq = hq.rows
        guard nq > 0 else { return result }
        let n = Double(nq)
        let (solved, phi) = (query.solved, query.phi)
        var a = [Double](repeating: 0, count: nq)
        var c = [Double](repeating: 0, count: nq)
        for i in 0..<nq {
            let (s, r) = (query.variances[i], query.residuals[i])
            a[i] = -r / (n * s)
            c[i] = (1 / s - r * r / (s * s)) / (2 * n)
            result.noiseVariance += c[i]
        }
        var meanGradient = [Double](repeating: 0, count: m)
        var scaled = solved
        for k in 0..<m {
            for i in 0..<nq {
                meanGradient[k] += a[i] * phi[k * nq + i]
                scaled[k * nq + i] *= c[i]
            }
        }
        result.queryFeatures.storage.withUnsafeMutableBufferPointer { gradient in
            for i in 0..<nq {
                for column in 0..<(m - 1) {
                    gradient[i * (m - 1) + column] = Float(
                        a[i] * posterior.mean[column] + 2 * c[i] * solved[column * nq + i])
                }
            }
        }
        DenseAlgebra.addProduct(&result.precision, m: m, n: m, k: nq, scaled, solved, transposeB: true, scale: -1)
        result.information = CholeskySolver.solve(factor: posterior.factor, size: m, meanGradient)
        DenseAlgebra.addOuter(&result.precision, result.information, posterior.mean, scale: -1)
        var symmetric = result.precision
        for i in 0..<m { for j in 0..<m { symmetric[i * m + j] += result.precision[j * m + i] } }
        let ns = hs.rows
        guard ns > 0 else { return result }
        let support = Self.augmentedColumns(hs)
        var products = [Double](repeating: 0, count: m * ns)
        DenseAlgebra.addProduct(&products, m: m, n: ns, k: m, symmetric, support)
        var quadratic = [Double](repeating: 0, count: ns)
        var linear = [Double](repeating: 0, count: ns)
        for k in 0..<m {
            for j in 0..<ns {
                quadratic[j] += support[k * ns + j] * products[k * ns + j]
                linear[j] += result.information[k] * support[k * ns + j]
            }
        }
        var betaGradient = 0.0
        result.supportFeatures.storage.withUnsafeMutableBufferPointer { gradient in
            for j in 0..<ns {
                let y = Double(ys[j])
                for column in 0..<(m - 1) {
                    gradient[j * (m - 1) + column] = Float(
                        beta * (products[column * ns + j] + y * result.information[column]))
                }
                betaGradient += 0.5 * quadratic[j] + y * linear[j]
            }
        }
        result.noiseVariance -= beta * beta * betaGradient
        return result
    }

    /// The predictive loss of ``predictiveLoss(supportFeatures:supportTargets:queryFeatures:queryTargets:)``
    /// without its gradient; `nil` when the posterior precision is not positive definite.
    public func predictiveLossValue(
        supportFeatures hs: Matrix, supportTargets ys: [Float], queryFeatures hq: Matrix, queryTargets yq: [Float]
    ) -> Double? {
        queryTerms(supportFeatures: hs, supportTargets: ys, queryFeatures: hq, queryTargets: yq)?.loss
    }

    /// What the loss and its gradient share: the posterior after the support rows, the
    /// augmented query rows `φᵢ` and `zᵢ = Λₙ⁻¹φᵢ` (as the columns of `size × n` row-major
    /// arrays), each row's predictive variance `sᵢ` and residual `rᵢ`, and the loss.
    private func queryTerms(
        supportFeatures hs: Matrix, supportTargets ys: [Float], queryFeatures hq: Matrix, queryTargets yq: [Float]
    ) -> QueryTerms? {
        var statistics = SufficientStatistics(prior: self)
        statistics.observe(features: hs, targets: ys, noiseVariance: noiseVariance)
        guard let posterior = statistics.posterior(noiseVariance: noiseVariance) else { return nil }
        let (m, nq) = (size, hq.rows)
        let phi = Self.augmentedColumns(hq)
        let solved = CholeskySolver.solve(factor: posterior.factor, size: m, rightHandSides: phi, columns: nq)
        var variances = [Double](repeating: 0, count: nq)
        var predictions = [Double](repeating: 0, count: nq)
        for k in 0..<m {
            for i in 0..<nq {
                variances[i] += phi[k * nq + i] * solved[k * nq + i]
                predictions[i] += phi[k * nq + i] * posterior.mean[k]
            }
        }
        var loss = 0.0
        var residuals = [Double](repeating: 0, count: nq)
        let n = Double(nq)
        for i in 0..<nq {
            variances[i] += noiseVariance
            residuals[i] = Double(yq[i]) - predictions[i]
            let (s, r) = (variances[i], residuals[i])
            loss += 0.5 * (log(2 * Double.pi * s) + r * r / s) / n
        }
        return QueryTerms(
            posterior: posterior, phi: phi, solved: solved, variances: variances, residuals: residuals, loss: loss)
    }

    /// See ``queryTerms(supportFeatures:supportTargets:queryFeatures:queryTargets:)``.
    private struct QueryTerms {
        let posterior: GaussianPosterior
        let phi: [Double]
        let solved: [Double]
        let variances: [Double]
        let residuals: [Double]
        let loss: Double
    }

    /// The gradients with respect to `Λ₀` and `μ₀` of losses whose gradients with respect
    /// to the posterior's `(Λ, b)` are `precision` and `information` (summed over tasks):
    /// `Λ` holds `Λ₀` and `b` holds `Λ₀μ₀`.
    public func priorGradient(precision: [Double], information: [Double]) -> (precision: [Double], mean: [Double]) {
        var gradient = precision
        DenseAlgebra.addOuter(&gradient, information, mean, scale: 1)
        return (gradient, DenseAlgebra.product(self.precision, information))
    }

    /// The rows of `features`, each with the constant 1 appended, as the columns of a
    /// `(columns + 1) × rows` row-major matrix.
    static func augmentedColumns(_ features: Matrix) -> [Double] {
        let (rows, columns) = (features.rows, features.columns)
        var result = [Double](repeating: 1, count: (columns + 1) * rows)
        features.storage.withUnsafeBufferPointer { source in
            for row in 0..<rows {
                for column in 0..<columns { result[column * rows + row] = Double(source[row * columns + column]) }
            }
        }
        return result
    }

    /// Row `row` of `features` with the constant 1 appended.
    static func augmented(_ features: Matrix, row: Int) -> [Double] {
        var phi = [Double](repeating: 1, count: features.columns + 1)
        for column in 0..<features.columns { phi[column] = Double(features[row, column]) }
        return phi
    }
}

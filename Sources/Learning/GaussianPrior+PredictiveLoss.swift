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
    /// `Λ = Λ₀ + ΦᵀΦ/σ²` and `b = Λ₀μ₀ + Φᵀy/σ²`.
    public func predictiveLoss(
        supportFeatures hs: Matrix, supportTargets ys: [Float], queryFeatures hq: Matrix, queryTargets yq: [Float]
    ) -> PredictiveLossGradient? {
        let m = size
        let beta = 1 / noiseVariance
        var statistics = SufficientStatistics(prior: self)
        statistics.observe(features: hs, targets: ys, noiseVariance: noiseVariance)
        guard let posterior = statistics.posterior(noiseVariance: noiseVariance) else { return nil }
        var result = PredictiveLossGradient(
            loss: 0, supportFeatures: Matrix(zerosLike: hs), queryFeatures: Matrix(zerosLike: hq),
            precision: [Double](repeating: 0, count: m * m), information: [Double](repeating: 0, count: m),
            noiseVariance: 0
        )
        guard hq.rows > 0 else { return result }
        let n = Double(hq.rows)
        var meanGradient = [Double](repeating: 0, count: m)
        let queries = CholeskySolver.solve(
            factor: posterior.factor, size: m, rightHandSides: Self.augmentedColumns(hq), columns: hq.rows)
        for i in 0..<hq.rows {
            let phi = Self.augmented(hq, row: i)
            let z = DenseAlgebra.column(i, of: queries, columns: hq.rows)
            let s = noiseVariance + DenseAlgebra.dot(phi, z)
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
        let products = DenseAlgebra.product(symmetric, size: m, Self.augmentedColumns(hs), columns: hs.rows)
        for j in 0..<hs.rows {
            let phi = Self.augmented(hs, row: j)
            let u = DenseAlgebra.column(j, of: products, columns: hs.rows)
            let y = Double(ys[j])
            for column in 0..<(m - 1) {
                result.supportFeatures[j, column] = Float(beta * (u[column] + y * result.information[column]))
            }
            betaGradient += 0.5 * DenseAlgebra.dot(phi, u) + y * DenseAlgebra.dot(result.information, phi)
        }
        result.noiseVariance -= beta * beta * betaGradient
        return result
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

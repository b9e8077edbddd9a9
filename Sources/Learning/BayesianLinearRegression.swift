import Foundation

/// A Gaussian prior `w ~ N(μ₀, Λ₀⁻¹)` over the weights of a linear head `y = φᵀw + ε`,
/// `ε ~ N(0, σ²)`, on features `φ = [h, 1]` (the representation and a constant, so the
/// last weight is the bias): ALPaCA's prior (Harrison, Sharma & Pavone, "Meta-Learning
/// Priors for Efficient Online Bayesian Regression", WAFR 2018), in information form.
public struct GaussianPrior: Sendable {
    /// `μ₀`, one entry per feature and the bias last.
    public let mean: [Double]
    /// `Λ₀`, row-major, `size × size`, symmetric positive definite.
    public let precision: [Double]
    /// The observation noise `σ²`.
    public let noiseVariance: Double
    /// `Λ₀ μ₀`.
    let information: [Double]
    /// The posterior before any observation (the prior, factored once for every user who
    /// starts from it); `nil` when `Λ₀` is not positive definite.
    public let unobserved: GaussianPosterior?

    /// Creates a prior.
    public init(mean: [Double], precision: [Double], noiseVariance: Double) {
        precondition(
            precision.count == mean.count * mean.count && noiseVariance > 0, "a prior needs an m×m precision and σ² > 0"
        )
        self.mean = mean
        self.precision = precision
        self.noiseVariance = noiseVariance
        let information = DenseAlgebra.product(precision, mean)
        self.information = information
        unobserved = CholeskySolver.factor(precision, size: mean.count).map {
            GaussianPosterior(
                mean: CholeskySolver.solve(factor: $0, size: mean.count, information), factor: $0,
                noiseVariance: noiseVariance)
        }
    }

    /// The number of weights (features plus the bias).
    public var size: Int { mean.count }

    /// The posterior after observing `features` (`n × (size − 1)`, the bias column added
    /// here) with `targets`; `nil` when the posterior precision is not positive definite
    /// (only with non-finite inputs).
    public func posterior(features: Matrix, targets: [Float]) -> GaussianPosterior? {
        var statistics = SufficientStatistics(prior: self)
        statistics.observe(features: features, targets: targets, noiseVariance: noiseVariance)
        return statistics.posterior(noiseVariance: noiseVariance)
    }
}

/// The running `Λ = Λ₀ + ΦᵀΦ/σ²` and `b = Λ₀μ₀ + Φᵀy/σ²` of Bayesian linear regression,
/// updated one observation at a time (exact online updating, no gradient steps).
public struct SufficientStatistics: Sendable {
    /// `Λ`, row-major.
    public private(set) var precision: [Double]
    /// `b`.
    public private(set) var information: [Double]
    let size: Int

    /// The prior's statistics.
    public init(prior: GaussianPrior) {
        precision = prior.precision
        information = prior.information
        size = prior.size
    }

    /// Adds the observations (`features` without the bias column): `ΦᵀΦ/σ²` as one matrix
    /// product.
    public mutating func observe(features: Matrix, targets: [Float], noiseVariance: Double) {
        precondition(
            features.columns == size - 1 && features.rows == targets.count,
            "features must be n×\(size - 1) with n targets")
        let rows = features.rows
        guard rows > 0 else { return }
        let beta = 1 / noiseVariance
        let phi = GaussianPrior.augmentedColumns(features)
        DenseAlgebra.addProduct(&precision, m: size, n: size, k: rows, phi, phi, transposeB: true, scale: beta)
        for i in 0..<size {
            for row in 0..<rows { information[i] += beta * Double(targets[row]) * phi[i * rows + row] }
        }
    }

    /// The posterior these statistics define; `nil` when `Λ` is not positive definite.
    public func posterior(noiseVariance: Double) -> GaussianPosterior? {
        guard let factor = CholeskySolver.factor(precision, size: size) else { return nil }
        let mean = CholeskySolver.solve(factor: factor, size: size, information)
        return GaussianPosterior(mean: mean, factor: factor, noiseVariance: noiseVariance)
    }
}

/// The posterior `w ~ N(μₙ, Λₙ⁻¹)` of a Bayesian linear head, with `Λₙ = RRᵀ` factored.
public struct GaussianPosterior: Sendable {
    /// `μₙ`, the bias last.
    public let mean: [Double]
    /// The lower Cholesky factor `R` of `Λₙ`, row-major.
    let factor: [Double]
    /// The observation noise `σ²`.
    public let noiseVariance: Double

    /// The number of weights.
    public var size: Int { mean.count }

    /// `φᵀw` for every row of `features` (without the bias column) and the weights `w`
    /// (the posterior mean when not given): the bias, then each feature's product added in
    /// column order, for blocks of rows side by side (each block first copied column by
    /// column into `Double`s, so that a column's products over the block's rows are one
    /// contiguous loop).
    public func scores(_ features: Matrix, weights: [Double]? = nil) -> [Float] {
        let w = weights ?? mean
        let (rows, columns) = (features.rows, features.columns)
        precondition(columns == size - 1, "features must have \(size - 1) columns")
        let block = 16
        var totals = [Double](repeating: 0, count: block)
        var panel = [Double](repeating: 0, count: block * columns)
        var scores = [Float](repeating: 0, count: rows)
        features.storage.withUnsafeBufferPointer { values in
            totals.withUnsafeMutableBufferPointer { totals in
                panel.withUnsafeMutableBufferPointer { panel in
                    let (t, p) = (totals.baseAddress!, panel.baseAddress!)
                    for start in stride(from: 0, to: rows, by: block) {
                        let count = min(block, rows - start)
                        let first = values.baseAddress! + start * columns
                        for r in 0..<count {
                            for column in 0..<columns { p[column * block + r] = Double(first[r * columns + column]) }
                        }
                        for r in 0..<count { t[r] = w[size - 1] }
                        for column in 0..<columns {
                            let (weight, products) = (w[column], p + column * block)
                            for r in 0..<count { t[r] += weight * products[r] }
                        }
                        for r in 0..<count { scores[start + r] = Float(t[r]) }
                    }
                }
            }
        }
        return scores
    }

    /// ``scores(_:weights:)`` of the rows whose features are the columns of `features`
    /// (`(size − 1) × rows`, a feature per row): each row's bias, then each feature's
    /// product added in feature order, bit for bit the same sums, every row side by side
    /// in one contiguous loop per feature with nothing copied.
    public func scores(columns features: Matrix, weights: [Double]? = nil) -> [Float] {
        let w = weights ?? mean
        let (columns, rows) = (features.rows, features.columns)
        precondition(columns == size - 1, "features must have \(size - 1) rows")
        var totals = [Double](repeating: w[size - 1], count: rows)
        features.storage.withUnsafeBufferPointer { values in
            totals.withUnsafeMutableBufferPointer { totals in
                let t = totals.baseAddress!
                for column in 0..<columns {
                    let (weight, feature) = (w[column], values.baseAddress! + column * rows)
                    for r in 0..<rows { t[r] += weight * Double(feature[r]) }
                }
            }
        }
        return totals.map { Float($0) }
    }

    /// `φᵀΛₙ⁻¹φ` for every row: the variance of the mean prediction (the epistemic part of
    /// the predictive variance, which adds `σ²`).
    public func weightVariance(_ features: Matrix) -> [Double] {
        (0..<features.rows).map { row in
            let v = CholeskySolver.forwardSubstitute(factor, size: size, GaussianPrior.augmented(features, row: row))
            return v.reduce(0) { $0 + $1 * $1 }
        }
    }

    /// A draw `μₙ + R⁻ᵀz` from the posterior, given standard normals `z`.
    public func sample(normals z: [Double]) -> [Double] {
        var w = CholeskySolver.backSubstitute(factor, size: size, z)
        for index in w.indices { w[index] += mean[index] }
        return w
    }
}

/// A first-order optimizer: turns a gradient into an update of the parameters.
public protocol Optimizer: Sendable {
    /// Updates `parameters` in place from `gradient` (shaped alike).
    mutating func step(_ parameters: inout ParameterSet, gradient: ParameterSet)
}

// MARK: - Gradient-norm clipping

/// Rescaling of a gradient whose global Euclidean norm exceeds a bound (Pascanu et al.,
/// ICML 2013), as PyTorch's `clip_grad_norm_` does.
public enum GradientClipping {
    /// Scales `gradient` down to norm `maxNorm` when it is longer; returns the norm before.
    @discardableResult
    public static func clip(_ gradient: inout ParameterSet, maxNorm: Double) -> Double {
        let norm = gradient.norm
        if norm > maxNorm, norm.isFinite {
            gradient.scale(by: Float(maxNorm / norm))
        }
        return norm
    }
}

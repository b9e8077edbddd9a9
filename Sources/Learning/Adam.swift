import CVectorMath
import Foundation

/// Adam (Kingma & Ba, ICLR 2015) with bias correction, and weight decay either as an L2
/// term added to the gradient (PyTorch's `Adam`) or decoupled from it (Loshchilov &
/// Hutter's AdamW, ICLR 2019).
public struct Adam: Optimizer {
    /// Step size.
    public var learningRate: Float
    /// Decay of the first-moment estimate.
    public var beta1: Float
    /// Decay of the second-moment estimate.
    public var beta2: Float
    /// Added to the root second moment for stability.
    public var epsilon: Float
    /// Weight-decay coefficient.
    public var weightDecay: Float
    /// Whether weight decay is decoupled (AdamW) rather than an L2 gradient term.
    public var decoupledWeightDecay: Bool
    private var firstMoment: ParameterSet?
    private var secondMoment: ParameterSet?
    private var stepCount = 0

    /// Creates the optimizer with the paper's default moments.
    public init(
        learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
        weightDecay: Float = 0, decoupledWeightDecay: Bool = false
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    public mutating func step(_ parameters: inout ParameterSet, gradient: ParameterSet) {
        var g = gradient
        if weightDecay != 0 {
            if decoupledWeightDecay {
                parameters.scale(by: 1 - learningRate * weightDecay)
            } else {
                g.add(parameters, scaledBy: weightDecay)
            }
        }
        // The moments are taken out of the optimizer while they are updated, so their
        // storage is not shared and is written in place rather than copied.
        var m = firstMoment ?? ParameterSet(zerosLike: parameters)
        var v = secondMoment ?? ParameterSet(zerosLike: parameters)
        (firstMoment, secondMoment) = (nil, nil)
        stepCount += 1
        let correction1 = 1 - Float(pow(Double(beta1), Double(stepCount)))
        let correction2 = 1 - Float(pow(Double(beta2), Double(stepCount)))
        let constants = Constants(
            beta1: beta1, beta2: beta2, epsilon: epsilon, stepSize: learningRate / correction1, correction2: correction2
        )
        for t in parameters.tensors.indices {
            let n = parameters[t].count
            g.tensors[t].storage.withUnsafeBufferPointer { pg in
                m.tensors[t].storage.withUnsafeMutableBufferPointer { pm in
                    v.tensors[t].storage.withUnsafeMutableBufferPointer { pv in
                        parameters.tensors[t].storage.withUnsafeMutableBufferPointer { pp in
                            Self.update(
                                gradient: pg.baseAddress!, first: pm.baseAddress!, second: pv.baseAddress!,
                                parameters: pp.baseAddress!,
                                count: n, constants
                            )
                        }
                    }
                }
            }
        }
        firstMoment = m
        secondMoment = v
    }

    // MARK: - Kernel

    /// The scalars of one step.
    private struct Constants {
        let beta1: Float, beta2: Float, epsilon: Float, stepSize: Float, correction2: Float
    }

    /// One step on `count` scalars, eight lanes at a time (the compiler leaves the scalar
    /// loop unvectorized): `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
    /// `θ ← θ − stepSize·m / (√(v / c₂) + ε)`. Each lane computes exactly what the scalar
    /// formula does, in the same order, so the result does not depend on the lanes; the
    /// square root is the vector instruction (`vector_math_sqrt8`), not eight calls.
    private static func update(
        gradient g: UnsafePointer<Float>, first m: UnsafeMutablePointer<Float>, second v: UnsafeMutablePointer<Float>,
        parameters p: UnsafeMutablePointer<Float>, count n: Int, _ c: Constants
    ) {
        let (beta1, beta2, epsilon, stepSize, correction2) = (c.beta1, c.beta2, c.epsilon, c.stepSize, c.correction2)
        let (keep1, keep2) = (1 - beta1, 1 - beta2)
        typealias Lanes = SIMD8<Float>
        let (b1, k1) = (Lanes(repeating: beta1), Lanes(repeating: keep1))
        let (b2, k2) = (Lanes(repeating: beta2), Lanes(repeating: keep2))
        let (rate, c2, eps) = (Lanes(repeating: stepSize), Lanes(repeating: correction2), Lanes(repeating: epsilon))
        var i = 0
        while i + 8 <= n {
            let gi = UnsafeRawPointer(g + i).loadUnaligned(as: Lanes.self)
            let mi = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: Lanes.self) + k1 * gi
            let vi = b2 * UnsafeRawPointer(v + i).loadUnaligned(as: Lanes.self) + k2 * gi * gi
            let pi =
                UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self) - rate * mi / (vector_math_sqrt8(vi / c2) + eps)
            UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: Lanes.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: Lanes.self)
            UnsafeMutableRawPointer(p + i).storeBytes(of: pi, as: Lanes.self)
            i += 8
        }
        while i < n {
            m[i] = beta1 * m[i] + keep1 * g[i]
            v[i] = beta2 * v[i] + keep2 * g[i] * g[i]
            p[i] -= stepSize * m[i] / ((v[i] / correction2).squareRoot() + epsilon)
            i += 1
        }
    }
}

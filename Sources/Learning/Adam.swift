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
        var m = firstMoment ?? ParameterSet(zerosLike: parameters)
        var v = secondMoment ?? ParameterSet(zerosLike: parameters)
        stepCount += 1
        let correction1 = 1 - Float(pow(Double(beta1), Double(stepCount)))
        let correction2 = 1 - Float(pow(Double(beta2), Double(stepCount)))
        let stepSize = learningRate / correction1
        let (beta1, beta2, epsilon) = (self.beta1, self.beta2, self.epsilon)
        for t in parameters.tensors.indices {
            let n = parameters[t].count
            g.tensors[t].storage.withUnsafeBufferPointer { pg in
                m.tensors[t].storage.withUnsafeMutableBufferPointer { pm in
                    v.tensors[t].storage.withUnsafeMutableBufferPointer { pv in
                        parameters.tensors[t].storage.withUnsafeMutableBufferPointer { pp in
                            for i in 0..<n {
                                pm[i] = beta1 * pm[i] + (1 - beta1) * pg[i]
                                pv[i] = beta2 * pv[i] + (1 - beta2) * pg[i] * pg[i]
                                pp[i] -= stepSize * pm[i] / ((pv[i] / correction2).squareRoot() + epsilon)
                            }
                        }
                    }
                }
            }
        }
        firstMoment = m
        secondMoment = v
    }
}

/// Stochastic gradient descent with optional momentum and L2 weight decay (PyTorch's
/// `torch.optim.SGD` semantics: the decay term `λ·θ` is added to the gradient).
public struct SGD: Optimizer {
    /// Step size.
    public var learningRate: Float
    /// Momentum coefficient; 0 for plain SGD.
    public var momentum: Float
    /// L2 penalty coefficient.
    public var weightDecay: Float
    private var velocity: ParameterSet?

    /// Creates the optimizer.
    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: inout ParameterSet, gradient: ParameterSet) {
        var direction = gradient
        if weightDecay != 0 { direction.add(parameters, scaledBy: weightDecay) }
        if momentum != 0 {
            var buffer = velocity ?? ParameterSet(zerosLike: parameters)
            buffer.scale(by: momentum)
            buffer.add(direction)
            velocity = buffer
            direction = buffer
        }
        parameters.add(direction, scaledBy: -learningRate)
    }
}

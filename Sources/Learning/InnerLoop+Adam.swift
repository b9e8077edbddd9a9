// MARK: - Adam inner loop

extension InnerLoop {
    /// The parameters after `steps` Adam steps (learning rate ``learningRate``) on the
    /// support loss, changing only the adapted tensors: Reptile's inner loop (Nichol et al.
    /// 2018 adapt with Adam).
    public func adaptWithAdam(_ parameters: ParameterSet, support: FeatureBatch, objective: Objective) -> ParameterSet {
        guard support.rows > 0 else { return parameters }
        let adaptsEncoder = adaptedIndices.contains { network.encoderIndices.contains($0) }
        var optimizer = Adam(learningRate: learningRate)
        var adapted = ParameterSet(adaptedIndices.map { parameters[$0] })
        for _ in 0..<steps {
            // The full set is assembled only for the gradient and released before the step,
            // so the step writes the adapted tensors in place instead of copying them.
            let gradient = network.gradient(
                support, objective: objective, parameters: assembled(parameters, adapted), includeEncoder: adaptsEncoder
            ).gradient
            optimizer.step(&adapted, gradient: ParameterSet(adaptedIndices.map { gradient[$0] }))
        }
        return assembled(parameters, adapted)
    }

    /// `parameters` with the adapted tensors replaced by `adapted`'s.
    private func assembled(_ parameters: ParameterSet, _ adapted: ParameterSet) -> ParameterSet {
        var theta = parameters
        for (position, index) in adaptedIndices.enumerated() { theta[index] = adapted[position] }
        return theta
    }
}

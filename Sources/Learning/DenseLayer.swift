/// A fully connected layer `y = x·W + b` with `W` of `inputWidth × outputWidth` and `b` a
/// `1 × outputWidth` row; parameter tensors in the order `[W, b]`.
///
/// Besides the forward and backward passes it has Pearlmutter's R-operator (the
/// directional derivative of both passes along a parameter direction `V` and an input
/// tangent `Ṙx`), which is what exact Hessian-vector products are made of.
public struct DenseLayer: Hashable, Sendable {
    /// Width of the input rows.
    public let inputWidth: Int
    /// Width of the output rows.
    public let outputWidth: Int

    /// Creates a layer.
    public init(inputWidth: Int, outputWidth: Int) {
        self.inputWidth = inputWidth
        self.outputWidth = outputWidth
    }

    /// The number of scalar parameters.
    public var parameterCount: Int { inputWidth * outputWidth + outputWidth }

    /// Initial `[W, b]`, uniform in `±1/√inputWidth` (PyTorch's `nn.Linear` default).
    public func initialParameters<G: RandomNumberGenerator>(using generator: inout G) -> [Matrix] {
        let bound = 1 / Float(max(inputWidth, 1)).squareRoot()
        return [
            Initialization.uniform(rows: inputWidth, columns: outputWidth, bound: bound, using: &generator),
            Initialization.uniform(rows: 1, columns: outputWidth, bound: bound, using: &generator),
        ]
    }

    // MARK: - Passes

    /// `x·W + b`.
    public func forward(_ input: Matrix, weight: Matrix, bias: Matrix) -> Matrix {
        var output = Matrix(rows: input.rows, repeatingRow: bias)
        output.addProduct(input, weight)
        return output
    }

    /// Gradients of `[W, b]` (and of `x` when `needsInput`) given `∂L/∂y`.
    public func backward(input: Matrix, weight: Matrix, outputGradient: Matrix, needsInput: Bool) -> LayerGradients {
        LayerGradients(
            input: needsInput ? Matrix.product(outputGradient, weight, transposeB: true) : nil,
            parameters: [Matrix.product(input, outputGradient, transposeA: true), outputGradient.columnSums]
        )
    }

    // MARK: - R-operator

    /// `R{y} = R{x}·W + x·V_W + V_b`; `nil` when every term is zero.
    public func rForward(
        input: Matrix, inputTangent: Matrix?, weight: Matrix, weightTangent: Matrix?, biasTangent: Matrix?
    ) -> Matrix? {
        guard inputTangent != nil || weightTangent != nil || biasTangent != nil else { return nil }
        var output = Matrix(rows: input.rows, columns: outputWidth)
        if let biasTangent { output.addToEachRow(biasTangent) }
        if let inputTangent { output.addProduct(inputTangent, weight) }
        if let weightTangent { output.addProduct(input, weightTangent) }
        return output
    }

    /// The R-operator of ``backward(input:weight:outputGradient:needsInput:)``:
    /// `R{∂W} = R{x}ᵀ·g + xᵀ·R{g}`, `R{∂b} = Σ R{g}`, `R{∂x} = R{g}·Wᵀ + g·V_Wᵀ`.
    public func rBackward(
        input: Matrix, inputTangent: Matrix?, weight: Matrix, weightTangent: Matrix?,
        outputGradient: Matrix, outputGradientTangent: Matrix?, needsInput: Bool
    ) -> LayerGradients {
        var weightGradient = Matrix(rows: inputWidth, columns: outputWidth)
        var biasGradient = Matrix(rows: 1, columns: outputWidth)
        if let inputTangent { weightGradient.addProduct(inputTangent, outputGradient, transposeA: true) }
        if let outputGradientTangent {
            weightGradient.addProduct(input, outputGradientTangent, transposeA: true)
            biasGradient = outputGradientTangent.columnSums
        }
        var inputGradient: Matrix?
        if needsInput {
            var value = Matrix(rows: input.rows, columns: inputWidth)
            if let outputGradientTangent { value.addProduct(outputGradientTangent, weight, transposeB: true) }
            if let weightTangent { value.addProduct(outputGradient, weightTangent, transposeB: true) }
            inputGradient = value
        }
        return LayerGradients(input: inputGradient, parameters: [weightGradient, biasGradient])
    }
}

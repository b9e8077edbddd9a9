/// Feature-wise linear modulation (Perez et al., AAAI 2018): `y = z ⊙ (1 + γ) + β` with
/// per-feature rows `γ` and `β` (`1 × width`); parameter tensors in the order `[γ, β]`.
///
/// As a per-user adapter it starts at the identity (`γ = β = 0`) and adapts `2·width`
/// scalars.
public struct FiLM: Hashable, Sendable {
    /// Width of the modulated rows.
    public let width: Int

    /// Creates the layer.
    public init(width: Int) {
        self.width = width
    }

    /// The number of scalar parameters.
    public var parameterCount: Int { 2 * width }

    /// The identity modulation `[γ = 0, β = 0]`.
    public var identityParameters: [Matrix] {
        [Matrix(rows: 1, columns: width), Matrix(rows: 1, columns: width)]
    }

    // MARK: - Passes

    /// `z ⊙ (1 + γ) + β`.
    public func forward(_ input: Matrix, scale: Matrix, shift: Matrix) -> Matrix {
        var output = input
        output.multiplyEachRow(by: Self.onePlus(scale))
        output.addToEachRow(shift)
        return output
    }

    /// `∂z = g ⊙ (1 + γ)`, `∂γ = Σ g ⊙ z`, `∂β = Σ g`.
    public func backward(input: Matrix, scale: Matrix, outputGradient: Matrix) -> LayerGradients {
        var inputGradient = outputGradient
        inputGradient.multiplyEachRow(by: Self.onePlus(scale))
        var weighted = outputGradient
        weighted.multiply(by: input)
        return LayerGradients(input: inputGradient, parameters: [weighted.columnSums, outputGradient.columnSums])
    }

    // MARK: - R-operator

    /// `R{y} = R{z} ⊙ (1 + γ) + z ⊙ V_γ + V_β`.
    public func rForward(
        input: Matrix, inputTangent: Matrix?, scale: Matrix, scaleTangent: Matrix?, shiftTangent: Matrix?
    ) -> Matrix? {
        guard inputTangent != nil || scaleTangent != nil || shiftTangent != nil else { return nil }
        var output = Matrix(rows: input.rows, columns: width)
        if var inputTangent {
            inputTangent.multiplyEachRow(by: Self.onePlus(scale))
            output.add(inputTangent)
        }
        if let scaleTangent {
            var term = input
            term.multiplyEachRow(by: scaleTangent)
            output.add(term)
        }
        if let shiftTangent { output.addToEachRow(shiftTangent) }
        return output
    }

    /// `R{∂z} = R{g} ⊙ (1 + γ) + g ⊙ V_γ`, `R{∂γ} = Σ (R{g} ⊙ z + g ⊙ R{z})`, `R{∂β} = Σ R{g}`.
    public func rBackward(
        input: Matrix, inputTangent: Matrix?, scale: Matrix, scaleTangent: Matrix?,
        outputGradient: Matrix, outputGradientTangent: Matrix?
    ) -> LayerGradients {
        var inputGradient = Matrix(rows: input.rows, columns: width)
        var scaleProducts = Matrix(rows: input.rows, columns: width)
        var shiftGradient = Matrix(rows: 1, columns: width)
        if let outputGradientTangent {
            var term = outputGradientTangent
            term.multiplyEachRow(by: Self.onePlus(scale))
            inputGradient.add(term)
            scaleProducts.addProduct(elementwise: outputGradientTangent, input)
            shiftGradient = outputGradientTangent.columnSums
        }
        if let scaleTangent {
            var term = outputGradient
            term.multiplyEachRow(by: scaleTangent)
            inputGradient.add(term)
        }
        if let inputTangent { scaleProducts.addProduct(elementwise: outputGradient, inputTangent) }
        return LayerGradients(input: inputGradient, parameters: [scaleProducts.columnSums, shiftGradient])
    }

    /// `1 + γ`, the multiplier of the modulated rows.
    static func onePlus(_ scale: Matrix) -> Matrix {
        var result = scale
        for index in result.storage.indices { result.storage[index] += 1 }
        return result
    }
}

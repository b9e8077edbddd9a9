/// The rectifier `max(z, 0)`, with its backward pass and R-operator.
///
/// Its second derivative is zero almost everywhere, so the R-operator of the backward
/// pass is the same mask applied to the gradient's tangent.
public enum ReLU {
    /// `max(z, 0)`.
    public static func forward(_ preActivation: Matrix) -> Matrix {
        preActivation.rectified
    }

    /// `∂L/∂z = ∂L/∂y ⊙ [z > 0]`.
    public static func backward(preActivation: Matrix, outputGradient: Matrix) -> Matrix {
        var gradient = outputGradient
        gradient.zeroWhereNotPositive(preActivation)
        return gradient
    }

    /// `R{y} = R{z} ⊙ [z > 0]`, and likewise `R{∂L/∂z} = R{∂L/∂y} ⊙ [z > 0]`.
    public static func rPass(preActivation: Matrix, tangent: Matrix?) -> Matrix? {
        guard var tangent else { return nil }
        tangent.zeroWhereNotPositive(preActivation)
        return tangent
    }
}

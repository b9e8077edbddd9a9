/// A low-rank update of a dense layer (Hu et al., "LoRA", ICLR 2022): it adds
/// `(x·A)·B` to the layer's output, with `A` of `inputWidth × rank` and `B` of
/// `rank × outputWidth`; parameter tensors in the order `[A, B]`.
///
/// It changes the layer's weight by the rank-`rank` matrix `A·B` while adapting only
/// `rank · (inputWidth + outputWidth)` scalars.
public struct LowRankAdapter: Hashable, Sendable {
    /// Width of the adapted layer's input.
    public let inputWidth: Int
    /// Width of the adapted layer's output.
    public let outputWidth: Int
    /// Rank of the update.
    public let rank: Int

    /// Creates an adapter.
    public init(inputWidth: Int, outputWidth: Int, rank: Int) {
        self.inputWidth = inputWidth
        self.outputWidth = outputWidth
        self.rank = rank
    }

    /// The number of scalar parameters.
    public var parameterCount: Int { rank * (inputWidth + outputWidth) }

    /// Initial `[A, B]`: `A` uniform in `±1/√inputWidth`, `B` small so the update starts near zero.
    public func initialParameters<G: RandomNumberGenerator>(using generator: inout G) -> [Matrix] {
        [
            Initialization.uniform(
                rows: inputWidth, columns: rank, bound: 1 / Float(max(inputWidth, 1)).squareRoot(), using: &generator),
            Initialization.uniform(rows: rank, columns: outputWidth, bound: 0.01, using: &generator),
        ]
    }

    // MARK: - Passes

    /// The projection `x·A` (kept for the backward pass) and the update `(x·A)·B`.
    public func forward(_ input: Matrix, down: Matrix, up: Matrix) -> (projection: Matrix, update: Matrix) {
        let projection = Matrix.product(input, down)
        return (projection, Matrix.product(projection, up))
    }

    /// `∂p = g·Bᵀ`, `∂B = pᵀ·g`, `∂A = xᵀ·∂p`, `∂x = ∂p·Aᵀ`.
    public func backward(
        input: Matrix, projection: Matrix, down: Matrix, up: Matrix, outputGradient: Matrix, needsInput: Bool
    ) -> LayerGradients {
        let projectionGradient = Matrix.product(outputGradient, up, transposeB: true)
        return LayerGradients(
            input: needsInput ? Matrix.product(projectionGradient, down, transposeB: true) : nil,
            parameters: [
                Matrix.product(input, projectionGradient, transposeA: true),
                Matrix.product(projection, outputGradient, transposeA: true),
            ]
        )
    }

    // MARK: - R-operator

    /// `R{p} = R{x}·A + x·V_A` and `R{update} = R{p}·B + p·V_B`.
    public func rForward(
        input: Matrix, inputTangent: Matrix?, projection: Matrix, down: Matrix, up: Matrix,
        downTangent: Matrix?, upTangent: Matrix?
    ) -> (projection: Matrix?, update: Matrix?) {
        let rProjection = Tangent.sum(Tangent.product(inputTangent, down), Tangent.product(input, downTangent))
        let rUpdate = Tangent.sum(Tangent.product(rProjection, up), Tangent.product(projection, upTangent))
        return (rProjection, rUpdate)
    }

    /// The R-operator of ``backward(input:projection:down:up:outputGradient:needsInput:)``.
    public func rBackward(
        input: Matrix, inputTangent: Matrix?, projection: Matrix, projectionTangent: Matrix?,
        down: Matrix, up: Matrix, downTangent: Matrix?, upTangent: Matrix?,
        outputGradient: Matrix, outputGradientTangent: Matrix?, needsInput: Bool
    ) -> LayerGradients {
        let projectionGradient = Matrix.product(outputGradient, up, transposeB: true)
        let rProjectionGradient = Tangent.sum(
            Tangent.product(outputGradientTangent, up, transposeB: true),
            Tangent.product(outputGradient, upTangent, transposeB: true)
        )
        let rDown = Tangent.sum(
            Tangent.product(inputTangent, projectionGradient, transposeA: true),
            Tangent.product(input, rProjectionGradient, transposeA: true)
        )
        let rUp = Tangent.sum(
            Tangent.product(projectionTangent, outputGradient, transposeA: true),
            Tangent.product(projection, outputGradientTangent, transposeA: true)
        )
        var rInput: Matrix?
        if needsInput {
            rInput = Tangent.materialize(
                Tangent.sum(
                    Tangent.product(rProjectionGradient, down, transposeB: true),
                    Tangent.product(projectionGradient, downTangent, transposeB: true)
                ),
                rows: input.rows, columns: inputWidth
            )
        }
        return LayerGradients(
            input: rInput,
            parameters: [
                Tangent.materialize(rDown, rows: inputWidth, columns: rank),
                Tangent.materialize(rUp, rows: rank, columns: outputWidth),
            ]
        )
    }
}

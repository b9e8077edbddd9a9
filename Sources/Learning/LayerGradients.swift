/// What a layer's backward pass (or its R-operator) returns: the gradient with respect to
/// the layer's input, when asked for, and one gradient per parameter tensor of the layer.
public struct LayerGradients: Sendable {
    /// Gradient with respect to the input, or `nil` when not asked for.
    public var input: Matrix?
    /// Gradients of the layer's parameter tensors, in the layer's order.
    public var parameters: [Matrix]

    /// Creates gradients.
    public init(input: Matrix?, parameters: [Matrix]) {
        self.input = input
        self.parameters = parameters
    }
}

// MARK: - Tangents

/// Helpers for R-operator code, where `nil` stands for an exactly zero tangent and lets a
/// pass skip the products it would multiply by zero.
enum Tangent {
    /// `a + b` where either may be zero.
    static func sum(_ a: Matrix?, _ b: Matrix?) -> Matrix? {
        guard var a else { return b }
        if let b { a.add(b) }
        return a
    }

    /// `op(a) · op(b)` when both exist.
    static func product(_ a: Matrix?, _ b: Matrix?, transposeA: Bool = false, transposeB: Bool = false) -> Matrix? {
        guard let a, let b else { return nil }
        return Matrix.product(a, b, transposeA: transposeA, transposeB: transposeB)
    }

    /// `value`, or zeros of the given shape when it is `nil`.
    static func materialize(_ value: Matrix?, rows: Int, columns: Int) -> Matrix {
        value ?? Matrix(rows: rows, columns: columns)
    }
}

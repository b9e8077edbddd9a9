/// An ordered list of parameter tensors: a model's weights, a gradient, a direction or
/// an optimizer's moment, all shaped alike.
///
/// Tensors are `Matrix` values with copy-on-write storage, so copying a set and changing
/// some of its tensors shares the others' memory.
public struct ParameterSet: Hashable, Sendable {
    /// The tensors, in the owning network's layout order.
    public var tensors: [Matrix]

    /// Creates a set from its tensors.
    public init(_ tensors: [Matrix]) {
        self.tensors = tensors
    }

    /// Zeros shaped like `other`.
    public init(zerosLike other: ParameterSet) {
        self.tensors = other.tensors.map(Matrix.init(zerosLike:))
    }

    /// The tensor at `index`.
    public subscript(index: Int) -> Matrix {
        get { tensors[index] }
        set { tensors[index] = newValue }
    }

    /// The number of tensors.
    public var count: Int { tensors.count }

    /// The number of scalar parameters.
    public var scalarCount: Int { tensors.reduce(0) { $0 + $1.count } }

    /// Whether every entry of every tensor is finite.
    public var isFinite: Bool { tensors.allSatisfy(\.isFinite) }
}

// MARK: - Arithmetic

extension ParameterSet {
    /// `self += scale · other`, tensor by tensor; only `indices` when given.
    public mutating func add(_ other: ParameterSet, scaledBy scale: Float = 1, only indices: [Int]? = nil) {
        precondition(count == other.count, "parameter sets differ in length")
        for index in indices ?? Array(tensors.indices) {
            tensors[index].add(other.tensors[index], scaledBy: scale)
        }
    }

    /// `self *= scale`.
    public mutating func scale(by scale: Float) {
        for index in tensors.indices { tensors[index].scale(by: scale) }
    }

    /// The inner product with `other`, in `Double`.
    public func dot(_ other: ParameterSet) -> Double {
        zip(tensors, other.tensors).reduce(0) { $0 + $1.0.dot($1.1) }
    }

    /// The Euclidean norm over all tensors.
    public var norm: Double { dot(self).squareRoot() }

    /// A copy in which the tensors not in `indices` are zero.
    public func keeping(only indices: [Int]) -> ParameterSet {
        var result = ParameterSet(zerosLike: self)
        for index in indices { result.tensors[index] = tensors[index] }
        return result
    }
}

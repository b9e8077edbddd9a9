/// An item tower's outputs on some items, split for scoring: the representations with a
/// column of ones appended (so that one product adds the user bias), and the item biases.
public struct TowerOutputs: Hashable, Sendable {
    /// `[r(i), 1]` per row: `rows × (d + 1)`.
    public let augmented: Matrix
    /// `c(i)` per row: `rows × outputWidth`.
    public let bias: Matrix

    /// Splits tower outputs `rows × (latentWidth + outputWidth)`.
    public init(_ outputs: Matrix, latentWidth: Int) {
        let width = outputs.columns - latentWidth
        var augmented = Matrix(rows: outputs.rows, columns: latentWidth + 1, repeating: 1)
        var bias = Matrix(rows: outputs.rows, columns: width)
        for row in 0..<outputs.rows {
            let base = row * outputs.columns
            for column in 0..<latentWidth { augmented.storage[row * (latentWidth + 1) + column] = outputs.storage[base + column] }
            for column in 0..<width { bias.storage[row * width + column] = outputs.storage[base + latentWidth + column] }
        }
        self.augmented = augmented
        self.bias = bias
    }

    private init(augmented: Matrix, bias: Matrix) {
        self.augmented = augmented
        self.bias = bias
    }

    /// The number of items.
    public var rows: Int { augmented.rows }

    /// The outputs of the items at `indices`, in that order.
    public func rows(_ indices: [Int]) -> TowerOutputs {
        TowerOutputs(augmented: Self.gather(augmented, indices), bias: Self.gather(bias, indices))
    }

    /// A gradient with respect to ``augmented`` and ``bias`` as one with respect to the
    /// tower's outputs (the column of ones has none).
    static func outputGradient(augmented: Matrix, bias: Matrix) -> Matrix {
        let latent = augmented.columns - 1
        let width = latent + bias.columns
        var result = Matrix(rows: augmented.rows, columns: width)
        for row in 0..<augmented.rows {
            for column in 0..<latent { result.storage[row * width + column] = augmented.storage[row * augmented.columns + column] }
            for column in 0..<bias.columns { result.storage[row * width + latent + column] = bias.storage[row * bias.columns + column] }
        }
        return result
    }

    private static func gather(_ matrix: Matrix, _ indices: [Int]) -> Matrix {
        var storage = [Float]()
        storage.reserveCapacity(indices.count * matrix.columns)
        for index in indices { storage += matrix.storage[(index * matrix.columns)..<((index + 1) * matrix.columns)] }
        return Matrix(rows: indices.count, columns: matrix.columns, storage: storage)
    }
}

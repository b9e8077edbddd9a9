/// An item tower's outputs on some items, arranged for scoring against a block-diagonal
/// user state (``TwoTowerNetwork``): per output, the representation followed by a column of
/// ones (so that one product adds the user bias), and the item biases.
public struct TowerOutputs: Hashable, Sendable {
    /// `[r_0(i), 1, r_1(i), 1, …]` per row: `rows × w(d + 1)`.
    public let augmented: Matrix
    /// `c(i)` per row: `rows × w`.
    public let bias: Matrix

    /// Arranges tower outputs `rows × w(d + 1)`: `w` representations of width `latentWidth`,
    /// then `w` biases.
    public init(_ outputs: Matrix, latentWidth: Int, outputWidth: Int) {
        let blocks = (latentWidth + 1) * outputWidth
        var augmented = Matrix(rows: outputs.rows, columns: blocks, repeating: 1)
        var bias = Matrix(rows: outputs.rows, columns: outputWidth)
        for row in 0..<outputs.rows {
            let base = row * outputs.columns
            for head in 0..<outputWidth {
                for column in 0..<latentWidth {
                    augmented.storage[row * blocks + head * (latentWidth + 1) + column] =
                        outputs.storage[base + head * latentWidth + column]
                }
                bias.storage[row * outputWidth + head] = outputs.storage[base + latentWidth * outputWidth + head]
            }
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

    /// A gradient with respect to ``augmented`` and ``bias`` (shaped like them) as one with
    /// respect to the tower's outputs; the columns of ones have none.
    func outputGradient(augmented gradient: Matrix, bias biasGradient: Matrix) -> Matrix {
        let heads = bias.columns
        let latent = augmented.columns / heads - 1
        let width = augmented.columns
        var result = Matrix(rows: gradient.rows, columns: width)
        for row in 0..<gradient.rows {
            for head in 0..<heads {
                for column in 0..<latent {
                    result.storage[row * width + head * latent + column] =
                        gradient.storage[row * width + head * (latent + 1) + column]
                }
                result.storage[row * width + latent * heads + head] = biasGradient.storage[row * heads + head]
            }
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

/// An embedding table for one categorical feature: `cardinality` rows of `dimension`
/// learned values; a row of the input selects one of them.
///
/// Outputs are written into a column range of a wider matrix (the concatenation of all
/// fields), and gradients are read from it, so encoders never copy field by field. The
/// output is linear in the table, so the R-operator of each pass is the same pass applied
/// to the tangent (`R{y} = lookup(V)`, `R{∂T} = scatter(R{∂y})`).
public struct EmbeddingTable: Hashable, Sendable {
    /// Number of categories.
    public let cardinality: Int
    /// Width of an embedding.
    public let dimension: Int

    /// Creates a table.
    public init(cardinality: Int, dimension: Int) {
        self.cardinality = cardinality
        self.dimension = dimension
    }

    /// The number of scalar parameters.
    public var parameterCount: Int { cardinality * dimension }

    /// Initial values, normal with deviation `deviation`.
    public func initialTable<G: RandomNumberGenerator>(deviation: Float = 0.1, using generator: inout G) -> Matrix {
        Initialization.normal(rows: cardinality, columns: dimension, deviation: deviation, using: &generator)
    }

    // MARK: - One category per row

    /// Copies row `codes[r]` of `table` into row `r` of `output`, columns `offset..<offset+dimension`.
    public func lookup(_ codes: [Int32], table: Matrix, into output: inout Matrix, columnOffset offset: Int) {
        precondition(codes.count == output.rows && offset + dimension <= output.columns, "output does not fit")
        let width = output.columns
        let dimension = dimension
        guard dimension > 0 else { return }
        let cardinality = cardinality
        table.storage.withUnsafeBufferPointer { source in
            output.storage.withUnsafeMutableBufferPointer { target in
                for (row, code) in codes.enumerated() {
                    precondition(code >= 0 && Int(code) < cardinality, "category \(code) outside 0..<\(cardinality)")
                    (target.baseAddress! + row * width + offset).update(
                        from: source.baseAddress! + Int(code) * dimension, count: dimension)
                }
            }
        }
    }

    /// Adds row `r` of `gradient`'s column range into row `codes[r]` of `tableGradient`.
    public func scatter(_ codes: [Int32], gradient: Matrix, columnOffset offset: Int, into tableGradient: inout Matrix)
    {
        let width = gradient.columns
        let dimension = dimension
        guard dimension > 0 else { return }
        gradient.storage.withUnsafeBufferPointer { source in
            tableGradient.storage.withUnsafeMutableBufferPointer { target in
                for (row, code) in codes.enumerated() {
                    RowKernels.add(
                        source.baseAddress! + row * width + offset, into: target.baseAddress! + Int(code) * dimension,
                        count: dimension)
                }
            }
        }
    }
}

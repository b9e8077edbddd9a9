/// A dense, row-major matrix of `Float`s: the numeric core's only storage type.
public struct Matrix: Hashable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row after row; `rows * columns` of them.
    public var storage: [Float]

    /// Creates a matrix of `rows × columns` filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// Creates a matrix from row-major entries; `storage.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(storage.count == rows * columns, "expected \(rows * columns) entries, got \(storage.count)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Creates a matrix from an array of equally long rows.
    public init(_ rowArrays: [[Float]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows must have equal length")
        self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
    }

    /// The entry at `row`, `column`.
    public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// The transpose.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        let (rows, columns) = (rows, columns)
        storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                for r in 0..<rows {
                    for c in 0..<columns { target[c * rows + r] = source[r * columns + c] }
                }
            }
        }
        return result
    }
}

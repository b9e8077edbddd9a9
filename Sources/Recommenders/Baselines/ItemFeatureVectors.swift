import Learning
import RecData

/// Items' observable features as rows of one real matrix, for the models that compare or
/// regress on item content (content-based, LinUCB).
///
/// Each feature column becomes a block of the row: a categorical feature its one-hot
/// indicator, a multi-valued feature its indicators scaled to unit length, a numeric
/// feature its z-score, a dense feature (a content embedding) its values scaled to unit
/// length. Every block of a known value thus has length about 1, so no one feature
/// dominates a similarity. A categorical feature of cardinality `c` takes `c` columns.
struct ItemFeatureVectors: Sendable {
    /// `items × width` feature rows.
    let matrix: Matrix

    /// The width of a row.
    var width: Int { matrix.columns }

    /// The vectors of `table`'s rows; `bias` appends a constant 1 to every row.
    init(_ table: FeatureTable, bias: Bool = false) {
        let blocks = table.columns.map { Self.block($0.column, rows: table.rowCount) }
        let width = blocks.reduce(0) { $0 + $1.width } + (bias ? 1 : 0)
        var matrix = Matrix(rows: table.rowCount, columns: width)
        var offset = 0
        for block in blocks {
            for row in 0..<table.rowCount {
                for (column, value) in block.entries(row) {
                    matrix[row, offset + column] = value
                }
            }
            offset += block.width
        }
        if bias {
            for row in 0..<table.rowCount { matrix[row, width - 1] = 1 }
        }
        self.matrix = matrix
    }

    /// The row of `item`.
    func vector(_ item: ItemID) -> [Float] {
        Array(matrix.storage[(item.index * width)..<((item.index + 1) * width)])
    }

    // MARK: - Blocks

    private struct Block {
        let width: Int
        let entries: (Int) -> [(Int, Float)]
    }

    private static func block(_ column: FeatureColumn, rows: Int) -> Block {
        switch column {
        case let .categorical(codes, cardinality):
            return Block(width: cardinality) { [(Int(codes[$0]), Float(1))] }
        case let .multiValued(lists, cardinality):
            return Block(width: cardinality) { row in
                let codes = Set(lists[row])
                let value = codes.isEmpty ? 0 : 1 / Float(codes.count).squareRoot()
                return codes.map { (Int($0), value) }
            }
        case let .numeric(values):
            let mean = values.reduce(0, +) / Float(max(values.count, 1))
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(max(values.count, 1))
            let deviation = variance > 0 ? variance.squareRoot() : 1
            return Block(width: 1) { [(0, (values[$0] - mean) / deviation)] }
        case let .dense(values, dimension):
            return Block(width: dimension) { row in
                let slice = values[(row * dimension)..<((row + 1) * dimension)]
                let norm = slice.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return slice.enumerated().map { ($0.offset, norm > 0 ? $0.element / norm : 0) }
            }
        }
    }
}

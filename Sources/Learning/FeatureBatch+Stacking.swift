// MARK: - Stacking

extension FeatureBatch {
    /// One batch holding the rows of `batches` one after the other, in order; every batch
    /// must have the same kinds of columns.
    public static func stacking(_ batches: [FeatureBatch]) -> FeatureBatch {
        guard let first = batches.first else { return FeatureBatch(rows: 0, columns: []) }
        guard batches.count > 1 else { return first }
        let columns = first.columns.indices.map { index in
            InputColumn.stacking(batches.map { $0.columns[index] })
        }
        return FeatureBatch(rows: batches.reduce(0) { $0 + $1.rows }, columns: columns)
    }
}

extension InputColumn {
    /// One column holding the rows of `columns` one after the other.
    static func stacking(_ columns: [InputColumn]) -> InputColumn {
        switch columns.first {
        case .codes?:
            return .codes(
                columns.flatMap { column -> [Int32] in
                    guard case let .codes(codes) = column else { preconditionFailure("stacked columns differ in kind") }
                    return codes
                })
        case .lists?:
            var offsets = [0]
            var codes = [Int32]()
            for column in columns {
                guard case let .lists(lists) = column else { preconditionFailure("stacked columns differ in kind") }
                let base = codes.count
                offsets += lists.offsets.dropFirst().map { base + $0 }
                codes += lists.codes
            }
            return .lists(CodeLists(offsets: offsets, codes: codes))
        case let .dense(first)?:
            var storage = [Float]()
            var rows = 0
            for column in columns {
                guard case let .dense(matrix) = column, matrix.columns == first.columns else {
                    preconditionFailure("stacked columns differ in kind")
                }
                storage += matrix.storage
                rows += matrix.rows
            }
            return .dense(Matrix(rows: rows, columns: first.columns, storage: storage))
        case nil:
            return .codes([])
        }
    }
}

// MARK: - Rows that repeat

extension FeatureBatch {
    /// The batch's first row.
    var firstRow: FeatureBatch {
        FeatureBatch(rows: 1, columns: columns.map(\.firstRow))
    }
}

extension InputColumn {
    /// The column's first row.
    var firstRow: InputColumn {
        switch self {
        case let .codes(codes): return .codes([codes[0]])
        case let .lists(lists): return .lists(CodeLists([Array(lists.codes(of: 0))]))
        case let .dense(values): return .dense(values.rows(0..<1))
        }
    }

    /// Whether every row holds the same code, list or values as the first.
    var holdsOneValue: Bool {
        switch self {
        case let .codes(codes):
            return codes.allSatisfy { $0 == codes[0] }
        case let .lists(lists):
            return (0..<lists.rows).allSatisfy { lists.codes(of: $0).elementsEqual(lists.codes(of: 0)) }
        case let .dense(values):
            let width = values.columns
            return (0..<values.rows).allSatisfy { row in
                values.storage[(row * width)..<((row + 1) * width)].elementsEqual(values.storage[0..<width])
            }
        }
    }
}

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
            var codes = [Int32]()
            codes.reserveCapacity(columns.reduce(0) { $0 + $1.rows })
            for column in columns {
                guard case let .codes(part) = column else { preconditionFailure("stacked columns differ in kind") }
                codes += part
            }
            return .codes(codes)
        case .lists?:
            var offsets = [0]
            var codes = [Int32]()
            offsets.reserveCapacity(columns.reduce(1) { $0 + $1.rows })
            for column in columns {
                guard case let .lists(lists) = column else { preconditionFailure("stacked columns differ in kind") }
                let base = codes.count
                for offset in lists.offsets.dropFirst() { offsets.append(base + offset) }
                codes += lists.codes
            }
            return .lists(CodeLists(offsets: offsets, codes: codes))
        case let .dense(first)?:
            var storage = [Float]()
            storage.reserveCapacity(columns.reduce(0) { $0 + $1.rows } * first.columns)
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

extension FeatureColumn {
    /// The values of `rows`, in that order.
    public func selecting(rows: [Int]) -> FeatureColumn {
        switch self {
        case let .categorical(values, cardinality):
            return .categorical(rows.map { values[$0] }, cardinality: cardinality)
        case let .multiValued(values, cardinality):
            return .multiValued(rows.map { values[$0] }, cardinality: cardinality)
        case let .numeric(values): return .numeric(rows.map { values[$0] })
        case let .dense(values, dimension):
            return .dense(rows.flatMap { values[($0 * dimension)..<(($0 + 1) * dimension)] }, dimension: dimension)
        }
    }
}

extension FeatureTable {
    /// A table of the given rows (each in `0..<rowCount`), in that order, with every column.
    public func selecting(rows: [Int]) -> FeatureTable {
        var table = FeatureTable(rowCount: rows.count)
        for (field, column) in columns { table.append(field.name, column.selecting(rows: rows)) }
        return table
    }
}

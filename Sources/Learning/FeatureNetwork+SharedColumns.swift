// MARK: - Leading fields every row shares

extension FeatureNetwork {
    /// The width of the leading input fields whose value every row of `batch` shares (a
    /// user's own features on the rows of one user's task, users' fields coming first); 0
    /// for fewer than two rows. The first layer's products with these columns need one
    /// row, not one per row (``DenseLayer/forward(_:sharedColumns:weight:bias:)``).
    func sharedLeadingColumns(_ batch: FeatureBatch) -> Int {
        guard batch.rows > 1 else { return 0 }
        var width = 0
        for (index, field) in fields.enumerated() {
            guard Self.isShared(batch.columns[index]) else { break }
            width += field.width
        }
        return width
    }

    /// Each task's width of the leading input columns its rows of `side` share
    /// (``StackSide/sharedFields``).
    func sharedColumns(_ side: StackSide) -> [Int] {
        side.sharedFields.map { count in fields.prefix(count).reduce(0) { $0 + $1.width } }
    }

    /// The end of the last embedding table's input columns: the dense fields after it have
    /// no parameters behind them, so no table's gradient reads their input gradient and no
    /// direction gives them a tangent.
    var tableColumnsEnd: Int {
        var (offset, end) = (0, 0)
        for field in fields {
            offset += field.width
            if field.table != nil { end = offset }
        }
        return end
    }
}

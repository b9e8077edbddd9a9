// MARK: - The first layer, field by field

/// A first layer's product `x·W + b` on a batch, computed field by field, in two parts:
/// `shared`, the row every row of the batch gets (`b` plus the fields every row shares),
/// and `rows`, each row's sum over the other fields (no bias).
public struct FieldwiseProduct: Sendable {
    /// `b + x_s·W_s`: the bias and the shared fields' product (1 × width).
    public let shared: Matrix
    /// Each row's product over the fields that vary (rows × width); `nil` when not asked for.
    public let rows: Matrix?

    /// `rows` with `shared` added to each row.
    public var whole: Matrix {
        var z = rows!
        z.addToEachRow(shared)
        return z
    }
}

extension FeatureNetwork {
    /// The first layer's dense output `x·W + b` for a scoring batch, computed field by field
    /// so that no row pays for what it shares with others (the same up to rounding):
    /// - a field whose value every row shares (the user's own features when one user's
    ///   candidates are scored) enters once, through the bias: `b + x_s·W_s`;
    /// - a field the rows already hold as the product reads them is multiplied where it
    ///   lies: dense values (a one-value field as its weight row scaled into each row), and
    ///   a table's consecutive rows when the rows' codes are consecutive (the item ids of a
    ///   catalogue scored in id order);
    /// - another embedded field with no more categories than the batch has rows (an item's
    ///   category or brand) is projected once, `T = E·W_f` (categories × width), and each
    ///   row adds its category's row of `T` (the mean of its categories' rows for a list:
    ///   pooling and projection commute), the single-code fields gathered in one pass;
    /// - the other fields (large tables, lists) are encoded and multiplied as usual.
    ///
    /// `nil` when this saves nothing: one row, or no field shared or projected.
    public func fieldwiseFirstLayer(_ batch: FeatureBatch, parameters: ParameterSet) -> Matrix? {
        fieldwiseProducts(
            batch, weights: [(parameters[layerIndices[0]], parameters[layerIndices[0] + 1])], parameters: parameters)?[
                0
            ].whole
    }

    /// The first layer's ``FieldwiseProduct/rows`` on `batch`: what varies from row to row,
    /// without the bias and the fields every row shares. A caller may keep it for batches
    /// whose varying fields, first-layer weights and tables do not change (the items of a
    /// catalogue, scored for any user of a network whose first layer does not adapt) and
    /// give it to ``outputs(_:parameters:firstRows:)``. `nil` when nothing is computed field
    /// by field.
    public func fieldwiseFirstLayerRows(_ batch: FeatureBatch, parameters: ParameterSet) -> Matrix? {
        fieldwiseProducts(
            batch, weights: [(parameters[layerIndices[0]], parameters[layerIndices[0] + 1])], parameters: parameters)?[
                0
            ].rows
    }

    /// `x·W + b` for each of `weights` (`W` of ``inputWidth`` rows, `b` a row of its width),
    /// field by field as ``fieldwiseFirstLayer(_:parameters:)`` computes the first layer's:
    /// the fields are sorted, and the multiplied ones encoded, once for all of them, and each
    /// product is computed as it would be alone. A multiplied field whose rows are already
    /// laid out as the product needs them is multiplied where it lies, without encoding: a
    /// dense field's values (one value a row: its weight row scaled into each row, not a
    /// product of depth 1), and a table's consecutive rows when the codes of the batch's
    /// rows are consecutive (an item-id field when a catalogue is scored in id order). The
    /// small tables' rows are gathered for all of them in one pass over the batch. The rows
    /// of the products whose `computesRows` entry is `false` are left out (all are computed
    /// by default). `nil` when this saves nothing.
    func fieldwiseProducts(
        _ batch: FeatureBatch, weights: [(weight: Matrix, bias: Matrix)], parameters: ParameterSet,
        computesRows: [Bool]? = nil
    ) -> [FieldwiseProduct]? {
        guard batch.rows > 1 else { return nil }
        var (shared, projected, inPlace, multiplied) = ([Int](), [Int](), [Int](), [Int]())
        for index in fields.indices {
            let column = batch.columns[index]
            if Self.isShared(column) {
                shared.append(index)
            } else if column.isDense || (fields[index].table != nil && Self.firstConsecutiveCode(column) != nil) {
                inPlace.append(index)
            } else if let table = fields[index].table, table.cardinality <= batch.rows {
                projected.append(index)
            } else {
                multiplied.append(index)
            }
        }
        guard !shared.isEmpty || !projected.isEmpty else { return nil }
        var offsets = [Int]()
        var offset = 0
        for field in fields {
            offsets.append(offset)
            offset += field.width
        }
        let fieldRows = { (index: Int) in offsets[index]..<(offsets[index] + self.fields[index].width) }
        let computesRows = computesRows ?? Array(repeating: true, count: weights.count)
        let encoded =
            multiplied.isEmpty || !computesRows.contains(true)
            ? nil : encode(batch, parameters: parameters, only: multiplied)
        return zip(weights, computesRows).map { weights, computesRows in
            let (weight, width) = (weights.weight, weights.weight.columns)
            var bias = weights.bias
            weight.storage.withUnsafeBufferPointer { source in
                bias.storage.withUnsafeMutableBufferPointer { target in
                    for index in shared {
                        let values = sharedValues(batch.columns[index], field: index, parameters: parameters)
                        for (column, value) in values.enumerated() where value != 0 {
                            let row = source.baseAddress! + (offsets[index] + column) * width
                            RowKernels.add(row, weight: value, into: target.baseAddress!, count: width)
                        }
                    }
                }
            }
            guard computesRows else { return FieldwiseProduct(shared: bias, rows: nil) }
            let projections = projected.map { index in
                var projection = Matrix(rows: fields[index].table!.cardinality, columns: width)
                projection.addProduct(
                    parameters[tableIndices[index]!], rows: 0..<projection.rows, weight, rows: fieldRows(index),
                    intoRows: 0..<projection.rows)
                return (projection: projection, column: batch.columns[index])
            }
            var z = Self.gatheredRows(of: projections, rows: batch.rows, width: width)
            for index in inPlace {
                let rows = fieldRows(index)
                switch batch.columns[index] {
                case let .dense(values) where values.columns == 1:
                    z.addScaledRow(weight, row: rows.lowerBound, scales: values.storage)
                case let .dense(values):
                    z.addProduct(values, rows: 0..<batch.rows, weight, rows: rows, intoRows: 0..<batch.rows)
                case let column:
                    let first = Self.firstConsecutiveCode(column)!
                    let table = parameters[tableIndices[index]!]
                    precondition(
                        first + batch.rows <= table.rows,
                        "categories \(first)..<\(first + batch.rows) outside 0..<\(table.rows)")
                    z.addProduct(
                        table, rows: first..<(first + batch.rows), weight, rows: rows, intoRows: 0..<batch.rows)
                }
            }
            if let encoded {
                let cut = multiplied.flatMap {
                    weight.storage[(fieldRows($0).lowerBound * width)..<(fieldRows($0).upperBound * width)]
                }
                z.addProduct(encoded, Matrix(rows: cut.count / width, columns: width, storage: cut))
            }
            return FieldwiseProduct(shared: bias, rows: z)
        }
    }

    /// The code of a column's first row when its rows hold consecutive codes from it (one
    /// code each, non-negative) and the column is embedded; `nil` otherwise.
    static func firstConsecutiveCode(_ column: InputColumn) -> Int? {
        guard case let .codes(codes) = column, let first = codes.first, first >= 0 else { return nil }
        for (row, code) in codes.enumerated() where Int(code) != Int(first) + row { return nil }
        return Int(first)
    }

    /// Each row's sum of the rows of the projections its codes select, or the means of the
    /// rows its lists select (rows × width): the fields of single codes written in one pass
    /// over the rows, each row's sum kept in registers while its codes' rows are added;
    /// zeros without projections.
    private static func gatheredRows(of projections: [(projection: Matrix, column: InputColumn)], rows: Int, width: Int)
        -> Matrix
    {
        let coded = projections.compactMap { entry -> (projection: Matrix, codes: [Int32])? in
            guard case let .codes(codes) = entry.column else { return nil }
            return (entry.projection, codes)
        }
        var z =
            coded.isEmpty || width == 0
            ? Matrix(rows: rows, columns: width) : gatheredSums(coded, rows: rows, width: width)
        for entry in projections {
            guard case let .lists(lists) = entry.column else { continue }
            let cardinality = entry.projection.rows
            entry.projection.storage.withUnsafeBufferPointer { source in
                z.storage.withUnsafeMutableBufferPointer { target in
                    for row in 0..<lists.rows {
                        let codes = lists.codes(of: row)
                        guard !codes.isEmpty else { continue }
                        let weight = 1 / Float(codes.count)
                        for code in codes {
                            precondition(
                                code >= 0 && Int(code) < cardinality, "category \(code) outside 0..<\(cardinality)")
                            RowKernels.add(
                                source.baseAddress! + Int(code) * width, weight: weight,
                                into: target.baseAddress! + row * width, count: width)
                        }
                    }
                }
            }
        }
        return z
    }

    /// Each row's sum of the rows of `coded`'s projections its codes select, in field order.
    private static func gatheredSums(_ coded: [(projection: Matrix, codes: [Int32])], rows: Int, width: Int) -> Matrix {
        let fieldCount = coded.count
        // Each row's element offsets of its codes' rows in the stacked projections, row by row.
        var stacked = [Float]()
        stacked.reserveCapacity(coded.reduce(0) { $0 + $1.projection.count })
        let gathered = [Int](unsafeUninitializedCapacity: rows * fieldCount) { offsets, initialized in
            for (field, entry) in coded.enumerated() {
                let (base, cardinality) = (stacked.count, entry.projection.rows)
                precondition(entry.codes.count == rows, "a column of \(entry.codes.count) rows, batch of \(rows)")
                entry.codes.withUnsafeBufferPointer { codes in
                    for (row, code) in codes.enumerated() {
                        precondition(
                            code >= 0 && Int(code) < cardinality, "category \(code) outside 0..<\(cardinality)")
                        offsets[row * fieldCount + field] = base + Int(code) * width
                    }
                }
                stacked += entry.projection.storage
            }
            initialized = rows * fieldCount
        }
        let sums = [Float](unsafeUninitializedCapacity: rows * width) { target, initialized in
            stacked.withUnsafeBufferPointer { source in
                gathered.withUnsafeBufferPointer { offsets in
                    for row in 0..<rows {
                        RowKernels.gatheredSum(
                            source.baseAddress!, offsets: offsets.baseAddress! + row * fieldCount,
                            count: fieldCount, into: target.baseAddress! + row * width, width: width)
                    }
                }
            }
            initialized = rows * width
        }
        return Matrix(rows: rows, columns: width, storage: sums)
    }

    /// Whether every row of `column` holds the same code, list of codes or values.
    static func isShared(_ column: InputColumn) -> Bool {
        switch column {
        case let .codes(codes):
            return codes.allSatisfy { $0 == codes[0] }
        case let .dense(values):
            let width = values.columns
            return (1..<values.rows).allSatisfy { row in
                (0..<width).allSatisfy { values.storage[row * width + $0] == values.storage[$0] }
            }
        case let .lists(lists):
            let first = lists.codes(of: 0)
            return (1..<lists.rows).allSatisfy { lists.codes(of: $0).elementsEqual(first) }
        }
    }

    /// The input a shared field gives every row: its code's embedding, the mean of its
    /// list's embeddings, or its values.
    private func sharedValues(_ column: InputColumn, field index: Int, parameters: ParameterSet) -> ArraySlice<Float> {
        let width = fields[index].width
        switch (column, tableIndices[index]) {
        case let (.codes(codes), tensor?):
            let start = Int(codes[0]) * width
            return parameters[tensor].storage[start..<(start + width)]
        case let (.lists(lists), tensor?):
            var mean = Matrix(rows: 1, columns: width)
            fields[index].table!.meanPool(
                CodeLists([Array(lists.codes(of: 0))]), table: parameters[tensor], into: &mean, columnOffset: 0)
            return mean.storage[...]
        case let (.dense(values), _):
            return values.storage[0..<width]
        default:
            preconditionFailure("shared input column \(index) does not match field \(fields[index])")
        }
    }
}

extension InputColumn {
    /// Whether the column holds dense values (not codes or lists).
    var isDense: Bool {
        if case .dense = self { return true }
        return false
    }
}

// MARK: - Input encoding

extension FeatureNetwork {
    /// The concatenated input `x` (rows × ``inputWidth``): each field's embedding, pooled
    /// embedding or dense values in its column range.
    func encode(_ batch: FeatureBatch, parameters: ParameterSet) -> Matrix {
        encode(batch, parameters: parameters, only: Array(fields.indices))
    }

    /// The input of the `selected` fields only, concatenated in field order.
    func encode(_ batch: FeatureBatch, parameters: ParameterSet, only selected: [Int]) -> Matrix {
        precondition(
            batch.columns.count == fields.count,
            "batch has \(batch.columns.count) columns, network \(fields.count) fields")
        var x = Matrix(rows: batch.rows, columns: selected.reduce(0) { $0 + fields[$1].width })
        var offset = 0
        for index in selected {
            let field = fields[index]
            switch (batch.columns[index], field.table, tableIndices[index]) {
            case let (.codes(codes), table?, tensor?):
                table.lookup(codes, table: parameters[tensor], into: &x, columnOffset: offset)
            case let (.lists(lists), table?, tensor?):
                table.meanPool(lists, table: parameters[tensor], into: &x, columnOffset: offset)
            case let (.dense(values), nil, nil):
                copy(values, into: &x, columnOffset: offset)
            default:
                preconditionFailure("input column \(index) does not match field \(field)")
            }
            offset += field.width
        }
        return x
    }

    /// The input with only the dense fields' columns filled, the tables' columns zero: all
    /// that the passes over a stack of tasks with one set of weights read of `x` when the
    /// network has hidden layers (``stackedPassInput(_:)``).
    func denseInput(_ batch: FeatureBatch) -> Matrix {
        var x = Matrix(rows: batch.rows, columns: inputWidth)
        var offset = 0
        for (index, field) in fields.enumerated() {
            if case let .dense(values) = batch.columns[index] { copy(values, into: &x, columnOffset: offset) }
            offset += field.width
        }
        return x
    }

    /// `R{x}`: the encoding of the tables' tangents; `nil` when they are all zero.
    func encodeTangent(_ batch: FeatureBatch, tangents: [Matrix?]) -> Matrix? {
        guard encoderIndices.contains(where: { tangents[$0] != nil }) else { return nil }
        var x = Matrix(rows: batch.rows, columns: inputWidth)
        var offset = 0
        for (index, field) in fields.enumerated() {
            if let table = field.table, let tensor = tableIndices[index], let tangent = tangents[tensor] {
                switch batch.columns[index] {
                case let .codes(codes): table.lookup(codes, table: tangent, into: &x, columnOffset: offset)
                case let .lists(lists): table.meanPool(lists, table: tangent, into: &x, columnOffset: offset)
                case .dense: break
                }
            }
            offset += field.width
        }
        return x
    }

    /// Zeros in the parameters' shapes whose embedding tables own their storage, so that
    /// ``scatterInputGradient(_:batch:into:)`` writes into them in place instead of first
    /// copying the shared ``zeros`` (an item-id table's copy was a tenth of a two-tower
    /// model's meta-training).
    var scatterZeros: ParameterSet {
        var gradient = zeros
        for case let tensor? in tableIndices { gradient.tensors[tensor] = Matrix(zerosLike: zeros.tensors[tensor]) }
        return gradient
    }

    /// Adds the input gradient `gx` into the tables' gradients in `gradient`.
    func scatterInputGradient(_ gx: Matrix, batch: FeatureBatch, into gradient: inout ParameterSet) {
        var offset = 0
        for (index, field) in fields.enumerated() {
            if let table = field.table, let tensor = tableIndices[index] {
                switch batch.columns[index] {
                case let .codes(codes):
                    table.scatter(codes, gradient: gx, columnOffset: offset, into: &gradient.tensors[tensor])
                case let .lists(lists):
                    table.scatterMean(lists, gradient: gx, columnOffset: offset, into: &gradient.tensors[tensor])
                case .dense: break
                }
            }
            offset += field.width
        }
    }

    private func copy(_ values: Matrix, into x: inout Matrix, columnOffset offset: Int) {
        let (width, columns) = (x.columns, values.columns)
        precondition(values.rows == x.rows && offset + columns <= width, "dense input does not fit")
        guard columns > 0 else { return }
        values.storage.withUnsafeBufferPointer { source in
            x.storage.withUnsafeMutableBufferPointer { target in
                for row in 0..<values.rows {
                    (target.baseAddress! + row * width + offset).update(
                        from: source.baseAddress! + row * columns, count: columns)
                }
            }
        }
    }
}

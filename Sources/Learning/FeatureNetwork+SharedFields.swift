// MARK: - Fields shared by every row

extension FeatureNetwork {
    /// The first layer with the fields every row of `batch` shares folded into its bias:
    /// the input of the other fields, and `parameters` with the first weight cut to their
    /// rows and the bias raised by `x_s·W_s`, the shared fields' input times their rows of
    /// the weight. The first layer's output is the same up to rounding, at the cost of the
    /// varying fields only. `nil` when no field is shared, every field is, the batch has
    /// one row, or a low-rank adapter reads the first layer's whole input.
    ///
    /// Shared fields are category codes and dense values equal in every row; lists of
    /// categories are never folded.
    func sharedFieldsFolded(_ batch: FeatureBatch, parameters: ParameterSet) -> (input: Matrix, parameters: ParameterSet)? {
        guard batch.rows > 1, lowRank?.layer != 0 else { return nil }
        let shared = fields.indices.filter { Self.isShared(batch.columns[$0]) }
        guard !shared.isEmpty, shared.count < fields.count else { return nil }
        let varying = fields.indices.filter { !shared.contains($0) }
        var offsets = [Int]()
        var offset = 0
        for field in fields {
            offsets.append(offset)
            offset += field.width
        }
        let (weightIndex, biasIndex) = (layerIndices[0], layerIndices[0] + 1)
        let weight = parameters[weightIndex]
        let width = weight.columns
        var bias = parameters[biasIndex]
        for index in shared {
            let values = sharedValues(batch.columns[index], field: index, parameters: parameters)
            for (column, value) in values.enumerated() where value != 0 {
                let row = (offsets[index] + column) * width
                for unit in 0..<width { bias.storage[unit] += value * weight.storage[row + unit] }
            }
        }
        var cut = [Float]()
        cut.reserveCapacity(varying.reduce(0) { $0 + fields[$1].width } * width)
        for index in varying {
            cut += weight.storage[(offsets[index] * width)..<((offsets[index] + fields[index].width) * width)]
        }
        var folded = parameters
        folded[weightIndex] = Matrix(rows: cut.count / width, columns: width, storage: cut)
        folded[biasIndex] = bias
        return (encode(batch, parameters: parameters, only: varying), folded)
    }

    /// Whether every row of `column` holds the same codes or values.
    private static func isShared(_ column: InputColumn) -> Bool {
        switch column {
        case let .codes(codes):
            return codes.allSatisfy { $0 == codes[0] }
        case let .dense(values):
            let width = values.columns
            return (1..<values.rows).allSatisfy { row in
                (0..<width).allSatisfy { values.storage[row * width + $0] == values.storage[$0] }
            }
        case .lists:
            return false
        }
    }

    /// The input a shared field gives every row: its code's embedding, or its values.
    private func sharedValues(_ column: InputColumn, field index: Int, parameters: ParameterSet) -> ArraySlice<Float> {
        let width = fields[index].width
        switch (column, tableIndices[index]) {
        case let (.codes(codes), tensor?):
            let start = Int(codes[0]) * width
            return parameters[tensor].storage[start..<(start + width)]
        case let (.dense(values), _):
            return values.storage[0..<width]
        default:
            preconditionFailure("shared input column \(index) does not match field \(fields[index])")
        }
    }
}

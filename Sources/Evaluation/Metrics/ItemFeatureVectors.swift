import RecData

/// Unit-length item feature vectors for similarity between items, stored sparsely.
///
/// Built from a feature table: a categorical feature is one-hot, a multi-valued feature
/// multi-hot, a dense feature contributes its components; numeric features are left out,
/// as their scale would dominate the cosine. An item without features has the zero
/// vector, whose similarity to every item is 0.
public struct ItemFeatureVectors: Sendable {
    private struct SparseVector: Sendable {
        var indices: [Int32] = []
        var values: [Float] = []
    }

    private let vectors: [SparseVector]

    /// The number of items.
    public var count: Int { vectors.count }

    /// Vectors from the columns of an item feature table.
    public init(table: FeatureTable) {
        var vectors = Array(repeating: SparseVector(), count: table.rowCount)
        var offset: Int32 = 0
        for (_, column) in table.columns {
            switch column {
            case let .categorical(codes, cardinality):
                for (row, code) in codes.enumerated() {
                    vectors[row].indices.append(offset + code)
                    vectors[row].values.append(1)
                }
                offset += Int32(cardinality)
            case let .multiValued(lists, cardinality):
                for (row, codes) in lists.enumerated() {
                    for code in Set(codes).sorted() {
                        vectors[row].indices.append(offset + code)
                        vectors[row].values.append(1)
                    }
                }
                offset += Int32(cardinality)
            case let .dense(values, dimension):
                for row in vectors.indices {
                    for d in 0..<dimension where values[row * dimension + d] != 0 {
                        vectors[row].indices.append(offset + Int32(d))
                        vectors[row].values.append(values[row * dimension + d])
                    }
                }
                offset += Int32(dimension)
            case .numeric:
                continue
            }
        }
        self.vectors = vectors.map(Self.normalized)
    }

    /// Vectors from dense rows, one per item (for tests and callers with their own features).
    public init(dense rows: [[Float]]) {
        self.vectors = rows.map { row in
            var vector = SparseVector()
            for (index, value) in row.enumerated() where value != 0 {
                vector.indices.append(Int32(index))
                vector.values.append(value)
            }
            return Self.normalized(vector)
        }
    }

    /// The cosine similarity of two items' feature vectors, in `[-1, 1]`.
    public func cosine(_ a: ItemID, _ b: ItemID) -> Double {
        let left = vectors[a.index]
        let right = vectors[b.index]
        var i = 0
        var j = 0
        var dot = 0.0
        while i < left.indices.count, j < right.indices.count {
            if left.indices[i] == right.indices[j] {
                dot += Double(left.values[i]) * Double(right.values[j])
                i += 1
                j += 1
            } else if left.indices[i] < right.indices[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return dot
    }

    private static func normalized(_ vector: SparseVector) -> SparseVector {
        let order = vector.indices.indices.sorted { vector.indices[$0] < vector.indices[$1] }
        let norm = vector.values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        guard norm > 0 else { return SparseVector() }
        return SparseVector(
            indices: order.map { vector.indices[$0] }, values: order.map { Float(Double(vector.values[$0]) / norm) })
    }
}

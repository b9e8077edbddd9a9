/// Variable-length lists of category codes, one list per row, stored compactly: row `r`
/// holds `codes[offsets[r]..<offsets[r + 1]]` (multi-valued features such as genres).
public struct CodeLists: Hashable, Sendable {
    /// `rows + 1` increasing positions into ``codes``.
    public let offsets: [Int]
    /// All codes, row after row.
    public let codes: [Int32]

    /// Creates lists from one array of codes per row.
    public init(_ lists: [[Int32]]) {
        var offsets = [0]
        offsets.reserveCapacity(lists.count + 1)
        for list in lists { offsets.append(offsets[offsets.count - 1] + list.count) }
        self.offsets = offsets
        self.codes = lists.flatMap { $0 }
    }

    /// Creates lists from their offsets (`rows + 1` increasing positions starting at 0) and codes.
    init(offsets: [Int], codes: [Int32]) {
        precondition(
            offsets.first == 0 && offsets.last == codes.count, "offsets must run from 0 to the number of codes")
        self.offsets = offsets
        self.codes = codes
    }

    /// The number of rows.
    public var rows: Int { offsets.count - 1 }

    /// The codes of row `row`.
    public func codes(of row: Int) -> ArraySlice<Int32> { codes[offsets[row]..<offsets[row + 1]] }
}

// MARK: - Mean pooling

extension EmbeddingTable {
    /// Writes the mean of the embeddings of row `r`'s codes into row `r` of `output`
    /// (zeros for an empty list).
    public func meanPool(_ lists: CodeLists, table: Matrix, into output: inout Matrix, columnOffset offset: Int) {
        precondition(lists.rows == output.rows && offset + dimension <= output.columns, "output does not fit")
        let width = output.columns
        let dimension = dimension
        guard dimension > 0 else { return }
        let cardinality = cardinality
        table.storage.withUnsafeBufferPointer { source in
            output.storage.withUnsafeMutableBufferPointer { target in
                for row in 0..<lists.rows {
                    let codes = lists.codes(of: row)
                    let to = row * width + offset
                    for d in 0..<dimension { target[to + d] = 0 }
                    guard !codes.isEmpty else { continue }
                    let weight = 1 / Float(codes.count)
                    for code in codes {
                        precondition(
                            code >= 0 && Int(code) < cardinality, "category \(code) outside 0..<\(cardinality)")
                        RowKernels.add(
                            source.baseAddress! + Int(code) * dimension, weight: weight, into: target.baseAddress! + to,
                            count: dimension)
                    }
                }
            }
        }
    }

    /// The backward pass of ``meanPool(_:table:into:columnOffset:)``: each code of row `r`
    /// receives `1/len` of the row's gradient.
    public func scatterMean(
        _ lists: CodeLists, gradient: Matrix, columnOffset offset: Int, into tableGradient: inout Matrix
    ) {
        let width = gradient.columns
        let dimension = dimension
        guard dimension > 0 else { return }
        gradient.storage.withUnsafeBufferPointer { source in
            tableGradient.storage.withUnsafeMutableBufferPointer { target in
                for row in 0..<lists.rows {
                    let codes = lists.codes(of: row)
                    guard !codes.isEmpty else { continue }
                    let weight = 1 / Float(codes.count)
                    let from = row * width + offset
                    for code in codes {
                        RowKernels.add(
                            source.baseAddress! + from, weight: weight,
                            into: target.baseAddress! + Int(code) * dimension, count: dimension)
                    }
                }
            }
        }
    }
}

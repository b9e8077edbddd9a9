// Kernels on a block of rows of a matrix that stacks several tasks' rows, one block per
// task, so per-task work needs no copies.

extension Matrix {
    /// Adds the row vector `row` (1 × columns) to each row in `range`, eight lanes at a time
    /// (the same sums as entry by entry).
    public mutating func addToEachRow(_ row: Matrix, rows range: Range<Int>) {
        precondition(row.rows == 1 && row.columns == columns, "expected a 1×\(columns) row")
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows outside the matrix")
        let width = columns
        guard width > 0, !range.isEmpty else { return }
        row.storage.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                let (from, to) = (source.baseAddress!, target.baseAddress!)
                for r in range { RowKernels.add(from, into: to + r * width, count: width) }
            }
        }
    }

    /// Multiplies each row in `range` by the row vector `row` (1 × columns), entry by entry.
    public mutating func multiplyEachRow(by row: Matrix, rows range: Range<Int>) {
        combineEachRow(with: row, rows: range) { $0 * $1 }
    }

    /// Replaces each entry `x` of the rows in `range` by `combine(x, row[column])`.
    @inline(__always)
    private mutating func combineEachRow(with row: Matrix, rows range: Range<Int>, _ combine: (Float, Float) -> Float) {
        precondition(row.rows == 1 && row.columns == columns, "expected a 1×\(columns) row")
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows outside the matrix")
        let width = columns
        row.storage.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                for r in range {
                    let base = r * width
                    for c in 0..<width { target[base + c] = combine(target[base + c], source[c]) }
                }
            }
        }
    }

    /// The 1 × columns row of the sums of the rows in `range`.
    public func columnSums(rows range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows outside the matrix")
        var result = Matrix(rows: 1, columns: columns)
        let width = columns
        guard width > 0 else { return result }
        storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                for r in range {
                    RowKernels.add(source.baseAddress! + r * width, into: target.baseAddress!, count: width)
                }
            }
        }
        return result
    }

    /// A copy of the rows in `range`.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(
            rows: range.count, columns: columns,
            storage: Array(storage[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// The rows in `range`, each plus the row vector `row` (1 × columns), and rectified
    /// (`max(x, 0)`) when `rectifying`, in one pass: the same values as a copy of the rows
    /// with `row` added to each, then rectified.
    public func rows(_ range: Range<Int>, plus row: Matrix, rectifying: Bool = false) -> Matrix {
        precondition(row.rows == 1 && row.columns == columns, "expected a 1×\(columns) row")
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows outside the matrix")
        let width = columns
        let count = range.count * width
        let sums = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            storage.withUnsafeBufferPointer { source in
                row.storage.withUnsafeBufferPointer { addend in
                    for (position, r) in range.enumerated() where width > 0 {
                        RowKernels.sum(
                            source.baseAddress! + r * width, addend.baseAddress!,
                            into: buffer.baseAddress! + position * width, count: width, rectifying: rectifying)
                    }
                }
            }
            initialized = count
        }
        return Matrix(rows: range.count, columns: width, storage: sums)
    }

    /// `rows` copies of the row vector `row` (1 × columns) stacked: a layer's output before
    /// its product is added, its bias in every row.
    public init(rows: Int, repeatingRow row: Matrix) {
        precondition(row.rows == 1, "expected a row vector")
        let width = row.columns
        let storage = [Float](unsafeUninitializedCapacity: rows * width) { buffer, initialized in
            row.storage.withUnsafeBufferPointer { source in
                for r in 0..<rows where width > 0 {
                    RowKernels.copy(source.baseAddress!, into: buffer.baseAddress! + r * width, count: width)
                }
            }
            initialized = rows * width
        }
        self.init(rows: rows, columns: width, storage: storage)
    }

    /// Adds to each row `r` the row `row` of `source` times `scales[r]`: the product of a
    /// column of values with one row of weights (an outer product), row by row.
    public mutating func addScaledRow(_ source: Matrix, row: Int, scales: [Float]) {
        precondition(source.columns == columns && row >= 0 && row < source.rows, "row outside the source")
        precondition(scales.count == rows, "\(scales.count) scales for \(rows) rows")
        let width = columns
        guard width > 0 else { return }
        source.storage.withUnsafeBufferPointer { from in
            scales.withUnsafeBufferPointer { scale in
                storage.withUnsafeMutableBufferPointer { target in
                    for r in 0..<scale.count {
                        RowKernels.add(
                            from.baseAddress! + row * width, weight: scale[r], into: target.baseAddress! + r * width,
                            count: width)
                    }
                }
            }
        }
    }

    /// Writes `block` over the rows starting at `firstRow`.
    public mutating func replaceRows(from firstRow: Int, with block: Matrix) {
        precondition(block.columns == columns && firstRow >= 0 && firstRow + block.rows <= rows, "block does not fit")
        storage.replaceSubrange((firstRow * columns)..<((firstRow + block.rows) * columns), with: block.storage)
    }

    /// Adds rows `range` of `other`, each multiplied entry by entry by the row vector `row`,
    /// to the same rows of this matrix.
    public mutating func addRows(_ other: Matrix, rows range: Range<Int>, scaledBy row: Matrix) {
        precondition(hasShape(of: other) && row.rows == 1 && row.columns == columns, "shapes differ")
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows outside the matrix")
        let width = columns
        row.storage.withUnsafeBufferPointer { scale in
            other.storage.withUnsafeBufferPointer { source in
                storage.withUnsafeMutableBufferPointer { target in
                    for r in range {
                        let base = r * width
                        for c in 0..<width { target[base + c] += scale[c] * source[base + c] }
                    }
                }
            }
        }
    }
}

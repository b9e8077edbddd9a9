// Element-wise kernels. Each loop runs over raw buffer pointers with no bounds checks or
// cross-iteration dependencies (reductions aside), so the optimizer vectorizes it.

// MARK: - Construction

extension Matrix {
    /// A matrix of zeros shaped like `other`.
    public init(zerosLike other: Matrix) {
        self.init(rows: other.rows, columns: other.columns)
    }

    /// The number of entries.
    public var count: Int { storage.count }

    /// Whether `other` has the same shape.
    public func hasShape(of other: Matrix) -> Bool {
        rows == other.rows && columns == other.columns
    }
}

// MARK: - In-place updates

extension Matrix {
    /// `self += scale · other` (BLAS's axpy).
    public mutating func add(_ other: Matrix, scaledBy scale: Float = 1) {
        precondition(hasShape(of: other), "shapes differ: \(rows)×\(columns) and \(other.rows)×\(other.columns)")
        let n = count
        other.storage.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                for i in 0..<n { target[i] += scale * source[i] }
            }
        }
    }

    /// `self *= scale`.
    public mutating func scale(by scale: Float) {
        let n = count
        storage.withUnsafeMutableBufferPointer { target in
            for i in 0..<n { target[i] *= scale }
        }
    }

    /// `self ⊙= other`, entry by entry.
    public mutating func multiply(by other: Matrix) {
        precondition(hasShape(of: other), "shapes differ")
        let n = count
        other.storage.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                for i in 0..<n { target[i] *= source[i] }
            }
        }
    }

    /// `self += a ⊙ b`, entry by entry.
    public mutating func addProduct(elementwise a: Matrix, _ b: Matrix) {
        precondition(hasShape(of: a) && hasShape(of: b), "shapes differ")
        let n = count
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                storage.withUnsafeMutableBufferPointer { target in
                    for i in 0..<n { target[i] += pa[i] * pb[i] }
                }
            }
        }
    }

    /// Adds the row vector `row` (1 × columns) to every row.
    public mutating func addToEachRow(_ row: Matrix) {
        addToEachRow(row, rows: 0..<rows)
    }

    /// Multiplies every row by the row vector `row` (1 × columns), entry by entry.
    public mutating func multiplyEachRow(by row: Matrix) {
        multiplyEachRow(by: row, rows: 0..<rows)
    }

    /// Sets to zero every entry where `mask` is not positive (the ReLU derivative applied).
    public mutating func zeroWhereNotPositive(_ mask: Matrix) {
        precondition(hasShape(of: mask), "shapes differ")
        let n = count
        mask.storage.withUnsafeBufferPointer { pm in
            storage.withUnsafeMutableBufferPointer { target in
                let (mask, values) = (pm.baseAddress!, target.baseAddress!)
                var i = 0
                while i + 8 <= n {
                    let m = UnsafeRawPointer(mask + i).loadUnaligned(as: SIMD8<Float>.self)
                    let v = UnsafeRawPointer(values + i).loadUnaligned(as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(values + i).storeBytes(
                        of: v.replacing(with: 0, where: .!(m .> 0)), as: SIMD8<Float>.self)
                    i += 8
                }
                while i < n {
                    if !(mask[i] > 0) { values[i] = 0 }
                    i += 1
                }
            }
        }
    }
}

// MARK: - Fused updates

extension Matrix {
    /// `self − scale · other`, as a new matrix, in one pass.
    public func subtracting(_ other: Matrix, scaledBy scale: Float) -> Matrix {
        precondition(hasShape(of: other), "shapes differ")
        let n = count
        let values = storage.withUnsafeBufferPointer { pa in
            other.storage.withUnsafeBufferPointer { pb in
                [Float](unsafeUninitializedCapacity: n) { target, initialized in
                    for i in 0..<n { target[i] = pa[i] - scale * pb[i] }
                    initialized = n
                }
            }
        }
        return Matrix(rows: rows, columns: columns, storage: values)
    }

    /// `self − weights ⊙ other`, as a new matrix, in one pass.
    public func subtracting(_ other: Matrix, weightedBy weights: Matrix) -> Matrix {
        precondition(hasShape(of: other) && hasShape(of: weights), "shapes differ")
        let n = count
        let values = storage.withUnsafeBufferPointer { pa in
            other.storage.withUnsafeBufferPointer { pb in
                weights.storage.withUnsafeBufferPointer { pw in
                    [Float](unsafeUninitializedCapacity: n) { target, initialized in
                        for i in 0..<n { target[i] = pa[i] - pw[i] * pb[i] }
                        initialized = n
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: columns, storage: values)
    }

    /// `self ⊙ other` (entry by entry), as a new matrix, in one pass.
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(hasShape(of: other), "shapes differ")
        return other.storage.withUnsafeBufferPointer { pb in mapped { pb[$1] * $0 } }
    }

    /// `scale · self`, as a new matrix, in one pass.
    public func scaled(by scale: Float) -> Matrix {
        mapped { value, _ in scale * value }
    }

    /// The matrix of `transform(entry, index)` for every entry, written once into fresh storage.
    @inline(__always)
    private func mapped(_ transform: (Float, Int) -> Float) -> Matrix {
        let n = count
        let values = storage.withUnsafeBufferPointer { source in
            [Float](unsafeUninitializedCapacity: n) { target, initialized in
                for i in 0..<n { target[i] = transform(source[i], i) }
                initialized = n
            }
        }
        return Matrix(rows: rows, columns: columns, storage: values)
    }
}

// MARK: - Reductions

extension Matrix {
    /// The 1 × columns row of column sums.
    public var columnSums: Matrix { columnSums(rows: 0..<rows) }

    /// The sum of `self ⊙ other` over all entries, accumulated in `Double`.
    public func dot(_ other: Matrix) -> Double {
        precondition(hasShape(of: other), "shapes differ")
        let n = count
        return storage.withUnsafeBufferPointer { pa in
            other.storage.withUnsafeBufferPointer { pb in
                var lanes = SIMD8<Double>()
                var i = 0
                while i + 8 <= n {
                    for lane in 0..<8 { lanes[lane] += Double(pa[i + lane]) * Double(pb[i + lane]) }
                    i += 8
                }
                var total = lanes.sum()
                while i < n {
                    total += Double(pa[i]) * Double(pb[i])
                    i += 1
                }
                return total
            }
        }
    }

    /// The sum of squared entries, accumulated in `Double`.
    public var squaredNorm: Double { dot(self) }

    /// Whether every entry is finite: `Σ x·0` is zero exactly when no entry is infinite or
    /// NaN, summed in eight independent lanes (a single running sum is one long chain of
    /// dependent additions, which the optimizer may not split; an adapted user's weights are
    /// checked this way).
    public var isFinite: Bool {
        storage.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return true }
            var lanes = SIMD8<Float>()
            var i = 0
            while i + 8 <= source.count {
                lanes += UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self) * 0
                i += 8
            }
            var sum = lanes.sum()
            while i < source.count {
                sum += source[i] * 0
                i += 1
            }
            return sum == 0
        }
    }

    /// Whether every entry is zero.
    public var isZero: Bool {
        storage.withUnsafeBufferPointer { source in
            var any: UInt32 = 0
            for value in source { any |= value.bitPattern << 1 }
            return any == 0
        }
    }
}

// MARK: - Non-linearities

extension Matrix {
    /// `max(x, 0)` entry by entry, as a new matrix, in one pass.
    public var rectified: Matrix {
        mapped { value, _ in max(value, 0) }
    }

    /// Replaces each entry `x` by `max(x, 0)`, in place.
    public mutating func rectify() {
        let n = count
        storage.withUnsafeMutableBufferPointer { target in
            var i = 0
            while i + 8 <= n {
                let pointer = UnsafeMutableRawPointer(target.baseAddress! + i)
                let x = pointer.loadUnaligned(as: SIMD8<Float>.self)
                pointer.storeBytes(of: x.replacing(with: 0, where: x .< 0), as: SIMD8<Float>.self)
                i += 8
            }
            while i < n {
                target[i] = max(target[i], 0)
                i += 1
            }
        }
    }
}

// The element-wise kernels of iMAML's proximal inner loop and its conjugate-gradient solve
// (`ProximalInnerLoop`), each one pass over raw buffers with no temporary tensor. Each computes exactly what the
// general kernels composed compute, operation for operation, so the results are the same
// bit for bit (no fused multiply-add: Swift does not contract `a + b * c`).

// MARK: - Proximal step

extension Matrix {
    /// `self − rate · ((gradient + λ·self) + (−λ)·anchor)`, as a new matrix, in one pass:
    /// the proximal gradient step on `self`, entry for entry what `d = gradient;
    /// d.add(self, scaledBy: λ); d.add(anchor, scaledBy: −λ); self.subtracting(d, scaledBy:
    /// rate)` computes.
    func proximalStep(along gradient: Matrix, anchor: Matrix, lambda: Float, rate: Float) -> Matrix {
        precondition(hasShape(of: gradient) && hasShape(of: anchor), "shapes differ")
        let n = count
        let negativeLambda = -lambda
        let values = storage.withUnsafeBufferPointer { pp in
            gradient.storage.withUnsafeBufferPointer { pg in
                anchor.storage.withUnsafeBufferPointer { pa in
                    [Float](unsafeUninitializedCapacity: n) { target, initialized in
                        for i in 0..<n {
                            var direction = pg[i]
                            direction += lambda * pp[i]
                            direction += negativeLambda * pa[i]
                            target[i] = pp[i] - rate * direction
                        }
                        initialized = n
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: columns, storage: values)
    }

    /// `‖self − anchor‖²` in `Double`, in one pass and without the difference as a matrix:
    /// entry for entry what `d = self; d.add(anchor, scaledBy: −1); d.dot(d)` computes,
    /// summed in the same eight lanes as ``dot(_:)``.
    func squaredDistance(to anchor: Matrix) -> Double {
        precondition(hasShape(of: anchor), "shapes differ")
        let n = count
        let minusOne: Float = -1
        return storage.withUnsafeBufferPointer { pp in
            anchor.storage.withUnsafeBufferPointer { pa in
                var lanes = SIMD8<Double>()
                var i = 0
                while i + 8 <= n {
                    for lane in 0..<8 {
                        let difference = Double(pp[i + lane] + minusOne * pa[i + lane])
                        lanes[lane] += difference * difference
                    }
                    i += 8
                }
                var total = lanes.sum()
                while i < n {
                    let difference = Double(pp[i] + minusOne * pa[i])
                    total += difference * difference
                    i += 1
                }
                return total
            }
        }
    }
}

// MARK: - Conjugate-gradient updates

extension Matrix {
    /// `self + scale · other` as a new matrix, in one pass: what a copy of `self` followed by
    /// ``add(_:scaledBy:)`` computes, without the copy (`I + H/λ` applied to a search direction).
    func adding(_ other: Matrix, scaledBy scale: Float) -> Matrix {
        precondition(hasShape(of: other), "shapes differ")
        let n = count
        let values = storage.withUnsafeBufferPointer { source in
            other.storage.withUnsafeBufferPointer { addend in
                [Float](unsafeUninitializedCapacity: n) { target, initialized in
                    for i in 0..<n { target[i] = source[i] + scale * addend[i] }
                    initialized = n
                }
            }
        }
        return Matrix(rows: rows, columns: columns, storage: values)
    }

    /// `self += scale · other`, then `‖self‖²` in `Double`, in one pass: what ``add(_:scaledBy:)``
    /// followed by `dot(self)` computes, summed in the same eight lanes as ``dot(_:)``.
    mutating func addReturningSquaredNorm(_ other: Matrix, scaledBy scale: Float) -> Double {
        precondition(hasShape(of: other), "shapes differ")
        let n = count
        return other.storage.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                var lanes = SIMD8<Double>()
                var i = 0
                while i + 8 <= n {
                    for lane in 0..<8 {
                        target[i + lane] += scale * source[i + lane]
                        let value = Double(target[i + lane])
                        lanes[lane] += value * value
                    }
                    i += 8
                }
                var total = lanes.sum()
                while i < n {
                    target[i] += scale * source[i]
                    let value = Double(target[i])
                    total += value * value
                    i += 1
                }
                return total
            }
        }
    }

    /// `self = scale · self + other`, in one pass: what ``scale(by:)`` followed by
    /// ``add(_:scaledBy:)`` computes (the new search direction of conjugate gradients).
    mutating func scale(by scale: Float, adding other: Matrix) {
        precondition(hasShape(of: other), "shapes differ")
        let n = count
        let one: Float = 1
        other.storage.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                for i in 0..<n {
                    target[i] *= scale
                    target[i] += one * source[i]
                }
            }
        }
    }
}

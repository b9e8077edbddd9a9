// The element-wise kernels of iMAML's proximal inner loop and its conjugate-gradient solve
// (`ProximalInnerLoop`), each one pass over raw buffers with no temporary tensor, eight
// entries at a time. Each computes exactly what the general kernels composed compute,
// operation for operation, so the results are the same bit for bit (no fused multiply-add:
// Swift does not contract `a + b * c`, on vectors or scalars). Sums of squares and inner
// products are accumulated in `Double` in the same eight lanes as ``Matrix/dot(_:)``.

// MARK: - Proximal step

extension Matrix {
    /// `self − rate · ((gradient + λ·self) + (−λ)·anchor)`, as a new matrix, and the new
    /// matrix's `‖step − anchor‖²`, in one pass: the proximal gradient step on `self` and its
    /// distance from the anchor, entry for entry what `d = gradient; d.add(self, scaledBy: λ);
    /// d.add(anchor, scaledBy: −λ); step = self.subtracting(d, scaledBy: rate)` and then
    /// `e = step; e.add(anchor, scaledBy: −1); e.dot(e)` compute.
    func proximalStep(along gradient: Matrix, anchor: Matrix, lambda: Float, rate: Float)
        -> (step: Matrix, squaredDistance: Double)
    {
        precondition(hasShape(of: gradient) && hasShape(of: anchor), "shapes differ")
        let n = count
        let negativeLambda = -lambda
        let minusOne: Float = -1
        var distance = 0.0
        let values = storage.withUnsafeBufferPointer { phi in
            gradient.storage.withUnsafeBufferPointer { g in
                anchor.storage.withUnsafeBufferPointer { theta in
                    [Float](unsafeUninitializedCapacity: n) { target, initialized in
                        let (pp, pg, pa, pt) = (
                            phi.baseAddress!, g.baseAddress!, theta.baseAddress!, target.baseAddress!
                        )
                        var lanes = SIMD8<Double>()
                        var i = 0
                        while i + 8 <= n {
                            let p = Lanes.load(pp, i)
                            let a = Lanes.load(pa, i)
                            var direction = Lanes.load(pg, i)
                            direction += lambda * p
                            direction += negativeLambda * a
                            let value = p - rate * direction
                            Lanes.store(value, pt, i)
                            let difference = SIMD8<Double>(value + minusOne * a)
                            lanes += difference * difference
                            i += 8
                        }
                        distance = lanes.sum()
                        while i < n {
                            var direction = pg[i]
                            direction += lambda * pp[i]
                            direction += negativeLambda * pa[i]
                            pt[i] = pp[i] - rate * direction
                            let difference = Double(pt[i] + minusOne * pa[i])
                            distance += difference * difference
                            i += 1
                        }
                        initialized = n
                    }
                }
            }
        }
        return (Matrix(rows: rows, columns: columns, storage: values), distance)
    }
}

// MARK: - Conjugate-gradient updates

extension Matrix {
    /// `self · (self + scale · other)` in `Double`, in one pass and without the sum as a
    /// matrix: what `dot(_:)` of `self` with a copy of `self` on which `add(other, scaledBy:
    /// scale)` ran computes (the curvature `dᵀ(I + H/λ)d` of conjugate gradients along `d`,
    /// with `other = Hd`).
    func dotWithSum(_ other: Matrix, scaledBy scale: Float) -> Double {
        precondition(hasShape(of: other), "shapes differ")
        let n = count
        return storage.withUnsafeBufferPointer { d in
            other.storage.withUnsafeBufferPointer { o in
                let (pd, po) = (d.baseAddress!, o.baseAddress!)
                var lanes = SIMD8<Double>()
                var i = 0
                while i + 8 <= n {
                    let direction = Lanes.load(pd, i)
                    lanes += SIMD8<Double>(direction) * SIMD8<Double>(direction + scale * Lanes.load(po, i))
                    i += 8
                }
                var total = lanes.sum()
                while i < n {
                    total += Double(pd[i]) * Double(pd[i] + scale * po[i])
                    i += 1
                }
                return total
            }
        }
    }

    /// `self += step · (first + scale · second)`, then `‖self‖²` in `Double`, in one pass:
    /// what ``add(_:scaledBy:)`` by `step` of a copy of `first` on which `add(second,
    /// scaledBy: scale)` ran, followed by `dot(self)`, computes, without the sum as a matrix
    /// (the residual update of conjugate gradients, `r −= α (I + H/λ) d`).
    mutating func addReturningSquaredNorm(_ first: Matrix, plus second: Matrix, scaledBy scale: Float, step: Float)
        -> Double
    {
        precondition(hasShape(of: first) && hasShape(of: second), "shapes differ")
        let n = count
        return first.storage.withUnsafeBufferPointer { f in
            second.storage.withUnsafeBufferPointer { s in
                storage.withUnsafeMutableBufferPointer { t in
                    let (pf, ps, pt) = (f.baseAddress!, s.baseAddress!, t.baseAddress!)
                    var lanes = SIMD8<Double>()
                    var i = 0
                    while i + 8 <= n {
                        let value = Lanes.load(pt, i) + step * (Lanes.load(pf, i) + scale * Lanes.load(ps, i))
                        Lanes.store(value, pt, i)
                        let wide = SIMD8<Double>(value)
                        lanes += wide * wide
                        i += 8
                    }
                    var total = lanes.sum()
                    while i < n {
                        pt[i] += step * (pf[i] + scale * ps[i])
                        let value = Double(pt[i])
                        total += value * value
                        i += 1
                    }
                    return total
                }
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

// MARK: - Eight entries at a time

/// Unaligned loads and stores of eight `Float`s.
private enum Lanes {
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>, _ offset: Int) -> SIMD8<Float> {
        UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>, _ offset: Int) -> SIMD8<Float> {
        UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>, _ offset: Int) {
        UnsafeMutableRawPointer(pointer + offset).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}

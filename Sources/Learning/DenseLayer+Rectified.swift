// MARK: - Rectified forward pass

extension DenseLayer {
    /// `max(x·W + b, 0)`: ``forward(_:weight:bias:)`` then `Matrix.rectify()`, bit for bit,
    /// in one pass after the product instead of two around it. The product is written, not
    /// added onto rows holding the bias (`b + x·W` and `x·W + b` are the same sum), then each
    /// entry gets its bias and is rectified where it lies, eight at a time as `rectify`
    /// does. Rows whose width is not a multiple of eight take the two passes.
    public func rectifiedForward(_ input: Matrix, weight: Matrix, bias: Matrix) -> Matrix {
        let width = outputWidth
        guard width % 8 == 0, input.rows > 0, width > 0, input.columns > 0 else {
            var output = forward(input, weight: weight, bias: bias)
            output.rectify()
            return output
        }
        precondition(
            input.columns == inputWidth && weight.rows == inputWidth && weight.columns == width
                && bias.rows == 1 && bias.columns == width,
            "layer \(inputWidth)×\(width): input \(input.rows)×\(input.columns), weight \(weight.rows)×\(weight.columns)"
        )
        let rows = input.rows
        let storage = [Float](unsafeUninitializedCapacity: rows * width) { buffer, initialized in
            let output = buffer.baseAddress!
            input.storage.withUnsafeBufferPointer { x in
                weight.storage.withUnsafeBufferPointer { w in
                    BLAS.blockedProduct(
                        transposeA: false, transposeB: false, m: rows, n: width, k: inputWidth, scale: 1, beta: 0,
                        a: x.baseAddress!, lda: inputWidth, b: w.baseAddress!, ldb: width, c: output, ldc: width)
                }
            }
            bias.storage.withUnsafeBufferPointer { b in
                for row in 0..<rows {
                    var i = 0
                    while i < width {
                        let pointer = UnsafeMutableRawPointer(output + row * width + i)
                        let z =
                            UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
                            + pointer.loadUnaligned(as: SIMD8<Float>.self)
                        pointer.storeBytes(of: z.replacing(with: 0, where: z .< 0), as: SIMD8<Float>.self)
                        i += 8
                    }
                }
            }
            initialized = rows * width
        }
        return Matrix(rows: rows, columns: width, storage: storage)
    }
}

// MARK: - First-layer products through the codes

/// Products of the first layer's input over a stack of tasks, computed through the codes the
/// tasks touch instead of over every row: an embedded field's columns of the input are rows
/// of a table (`x_f = S_f T_f`, `S_f` the one-hot or mean-pooling codes), so
/// `x · W = Σ_f S_f (T_f[touched] · W_f) + x_dense · W_dense` and
/// `xᵀ g = [T_f[touched]ᵀ (S_fᵀ g); x_denseᵀ g]`, whose products have one row per code a
/// task touches (a task's user fields touch one) instead of one per example. Equal to the
/// products with the whole input up to the order of the sums.
extension FeatureNetwork {
    /// Adds `x · weight` to `output`, with `x` over `side`'s rows whose embedded columns are
    /// task `t`'s tables `tables(tensor, t)`; the dense columns are read from `x` when
    /// `dense`, and taken as zero otherwise (a tangent of the tables alone).
    func addFirstLayerProduct(
        _ x: Matrix, side: StackSide, tables: (Int, Int) -> Matrix, weight: Matrix, dense: Bool,
        into output: inout Matrix
    ) {
        precondition(weight.rows == inputWidth && output.columns == weight.columns, "first-layer shapes differ")
        forEachField(side: side) { columns, tensor, codes in
            if let codes, let tensor {
                guard codes.count > 0 else { return }
                let rows = codes.gather { tables(tensor, $0) }
                var product = Matrix(rows: codes.count, columns: weight.columns)
                product.addProduct(rows, rows: 0..<codes.count, weight, rows: columns, intoRows: 0..<codes.count)
                codes.addEntries(product, into: &output)
            } else if dense {
                Self.addColumnProduct(x, columns: columns, weight, into: &output)
            }
        }
    }

    /// Adds `xᵀ g` to `result` (`inputWidth × g.columns`), with `x` as in
    /// ``addFirstLayerProduct(_:side:tables:weight:dense:into:)``.
    func addFirstLayerTransposedProduct(
        _ x: Matrix, side: StackSide, tables: (Int, Int) -> Matrix, gradient g: Matrix, dense: Bool,
        into result: inout Matrix
    ) {
        precondition(result.rows == inputWidth && result.columns == g.columns, "first-layer shapes differ")
        forEachField(side: side) { columns, tensor, codes in
            if let codes, let tensor {
                guard codes.count > 0 else { return }
                let rows = codes.gather { tables(tensor, $0) }
                result.addProduct(
                    rows, rows: 0..<codes.count, codes.sum(g), rows: 0..<codes.count, transposeA: true,
                    intoRows: columns)
            } else if dense {
                Self.addColumnTransposedProduct(x, columns: columns, g, into: &result)
            }
        }
    }

    /// Calls `body` with each field's columns of the input, its table's tensor index and each
    /// task's touched codes (both `nil` for a dense field).
    private func forEachField(side: StackSide, _ body: (Range<Int>, Int?, TouchedCodes?) -> Void) {
        var offset = 0
        for (index, field) in fields.enumerated() {
            body(offset..<(offset + field.width), tableIndices[index], side.touchedCodes[index])
            offset += field.width
        }
    }

    /// `output += x[:, columns] · weight[columns]`.
    private static func addColumnProduct(
        _ x: Matrix, columns: Range<Int>, _ weight: Matrix, into output: inout Matrix
    ) {
        guard x.rows > 0, !columns.isEmpty else { return }
        let n = weight.columns
        x.storage.withUnsafeBufferPointer { px in
            weight.storage.withUnsafeBufferPointer { pw in
                output.storage.withUnsafeMutableBufferPointer { po in
                    BLAS.blockedProduct(
                        transposeA: false, transposeB: false, m: x.rows, n: n, k: columns.count, scale: 1,
                        a: px.baseAddress! + columns.lowerBound, lda: x.columns,
                        b: pw.baseAddress! + columns.lowerBound * n, ldb: n, c: po.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// `result[columns] += x[:, columns]ᵀ · g` (rows `columns` of the result).
    private static func addColumnTransposedProduct(
        _ x: Matrix, columns: Range<Int>, _ g: Matrix, into result: inout Matrix
    ) {
        guard x.rows > 0, !columns.isEmpty else { return }
        let n = g.columns
        x.storage.withUnsafeBufferPointer { px in
            g.storage.withUnsafeBufferPointer { pg in
                result.storage.withUnsafeMutableBufferPointer { pr in
                    BLAS.blockedProduct(
                        transposeA: true, transposeB: false, m: columns.count, n: n, k: x.rows, scale: 1,
                        a: px.baseAddress! + columns.lowerBound, lda: x.columns, b: pg.baseAddress!, ldb: n,
                        c: pr.baseAddress! + columns.lowerBound * n, ldc: n)
                }
            }
        }
    }
}

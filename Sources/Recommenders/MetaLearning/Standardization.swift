import Learning
import RecData

/// Per-component standardization of a numeric or dense feature, `(x − mean) / sd`, with the
/// mean and standard deviation of the rows it was fitted on (a component with no spread is
/// only centred).
struct Standardization: Sendable {
    /// Minus each component's mean, as one row.
    let shift: Matrix
    /// One over each component's standard deviation, as one row.
    let scale: Matrix

    /// The standardization of `column` over `rows`; `nil` for categorical columns, or when
    /// there are no rows.
    init?(_ column: FeatureColumn, rows: [Int]) {
        let values: [Float]
        let width: Int
        switch column {
        case let .numeric(reals): (values, width) = (reals, 1)
        case let .dense(reals, dimension): (values, width) = (reals, dimension)
        case .categorical, .multiValued: return nil
        }
        guard !rows.isEmpty, width > 0 else { return nil }
        var sums = [Double](repeating: 0, count: width)
        var squares = [Double](repeating: 0, count: width)
        for row in rows {
            for component in 0..<width {
                let value = Double(values[row * width + component])
                sums[component] += value
                squares[component] += value * value
            }
        }
        let count = Double(rows.count)
        var shift = Matrix(rows: 1, columns: width)
        var scale = Matrix(rows: 1, columns: width, repeating: 1)
        for component in 0..<width {
            let mean = sums[component] / count
            let variance = max(squares[component] / count - mean * mean, 0)
            shift.storage[component] = Float(-mean)
            if variance > 1e-12 { scale.storage[component] = Float(1 / variance.squareRoot()) }
        }
        self.shift = shift
        self.scale = scale
    }

    /// `values` standardized row by row.
    func apply(_ values: Matrix) -> Matrix {
        var result = values
        result.addToEachRow(shift)
        result.multiplyEachRow(by: scale)
        return result
    }
}

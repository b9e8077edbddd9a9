/// Solves symmetric positive-definite linear systems by the Cholesky factorisation
/// `A = LLᵀ` (Golub & Van Loan, *Matrix Computations*, §4.2), for the small normal
/// equations of the ridge regressions calibration fits.
enum CholeskySolver {
    /// The solution `X` of `A X = B` for the `size × size` row-major matrix `matrix`
    /// and `columns` right-hand sides (`size × columns`, row-major); `nil` when `A` is
    /// not positive definite.
    static func solve(_ matrix: [Double], size: Int, rightHandSides: [Double], columns: Int) -> [Double]? {
        var lower = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i * size + j]
                for k in 0..<j { sum -= lower[i * size + k] * lower[j * size + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    lower[i * size + i] = sum.squareRoot()
                } else {
                    lower[i * size + j] = sum / lower[j * size + j]
                }
            }
        }
        var solution = rightHandSides
        for column in 0..<columns {
            for i in 0..<size {
                var sum = solution[i * columns + column]
                for k in 0..<i { sum -= lower[i * size + k] * solution[k * columns + column] }
                solution[i * columns + column] = sum / lower[i * size + i]
            }
            for i in stride(from: size - 1, through: 0, by: -1) {
                var sum = solution[i * columns + column]
                for k in (i + 1)..<size { sum -= lower[k * size + i] * solution[k * columns + column] }
                solution[i * columns + column] = sum / lower[i * size + i]
            }
        }
        return solution
    }
}

import Foundation

// MARK: - Random initial values

/// Random initial values for parameter tensors, drawn from any seeded generator.
public enum Initialization {
    /// A `rows × columns` matrix with entries uniform in `-bound...bound`.
    public static func uniform<G: RandomNumberGenerator>(
        rows: Int, columns: Int, bound: Float, using generator: inout G
    ) -> Matrix {
        var result = Matrix(rows: rows, columns: columns)
        for index in result.storage.indices {
            result.storage[index] = bound * (2 * unit(&generator) - 1)
        }
        return result
    }

    /// A `rows × columns` matrix with normal entries of mean 0 and deviation `deviation`.
    public static func normal<G: RandomNumberGenerator>(
        rows: Int, columns: Int, deviation: Float, using generator: inout G
    ) -> Matrix {
        var result = Matrix(rows: rows, columns: columns)
        for index in result.storage.indices {
            let u1 = 1 - Double(unit(&generator))
            let u2 = Double(unit(&generator))
            let gaussian = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            result.storage[index] = deviation * Float(gaussian)
        }
        return result
    }

    /// A uniform `Float` in `[0, 1)` with 24 random bits.
    static func unit<G: RandomNumberGenerator>(_ generator: inout G) -> Float {
        Float(generator.next() >> 40) * 0x1.0p-24
    }
}

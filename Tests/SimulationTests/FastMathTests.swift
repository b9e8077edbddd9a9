import Foundation
import RecData
import Testing

@testable import Simulation

@Suite("Fast math")
struct FastMathTests {
    @Test("The inline exponential is within 3e-7 of the library's over the single-precision range")
    func exponential() {
        var worst = 0.0
        var x: Float = -87
        while x < 87 {
            let exact = exp(Double(x))
            worst = max(worst, abs(Double(FastMath.exponential(x)) - exact) / exact)
            x += 0.0173
        }
        #expect(worst < 3e-7)
        #expect(FastMath.exponential(0) == 1)
    }
}

@Suite("Fast math for normal deviates")
struct FastMathGaussianTests {
    @Test("The inline logarithm is within 2e-7 absolute or relative of the library's over (0, 1]")
    func logarithm() {
        var worst = 0.0
        var x: Float = 1
        while x > 1e-30 {
            let exact = log(Double(x))
            worst = max(worst, abs(Double(FastMath.logarithm(x)) - exact) / max(1, abs(exact)))
            x *= 0.999_3
        }
        #expect(worst < 2e-7)
        #expect(FastMath.logarithm(1) == 0)
    }

    @Test("The inline square root is within 3e-7 relative of the library's, and exact at 0")
    func squareRoot() {
        var worst = 0.0
        var x: Float = 1e-30
        while x < 1e30 {
            let exact = Double(x).squareRoot()
            worst = max(worst, abs(Double(FastMath.squareRoot(x)) - exact) / exact)
            x *= 1.003_1
        }
        #expect(worst < 3e-7)
        #expect(FastMath.squareRoot(0) == 0)
    }

    @Test("Cosine and sine of turns are within 1e-7 of the library's over [0, 1]")
    func turns() {
        var worst = 0.0
        for step in 0...100_000 {
            let t = Float(step) / 100_000
            let value = FastMath.cosineAndSineOfTurns(t)
            let angle = 2 * Double.pi * Double(t)
            worst = max(worst, abs(Double(value.cos) - cos(angle)), abs(Double(value.sin) - sin(angle)))
        }
        #expect(worst < 1e-7)
    }

    @Test("Box–Muller deviates follow the standard normal distribution (Kolmogorov–Smirnov, moments)")
    func boxMuller() {
        let count = 100_000
        var random = LocalRandom(RandomSource(seed: 4))
        let first = (0..<count).map { _ in UInt32(truncatingIfNeeded: random.next()) }
        let second = (0..<count).map { _ in UInt32(truncatingIfNeeded: random.next()) }
        var cosines = [Float](repeating: 0, count: count)
        var sines = cosines
        first.withUnsafeBufferPointer { first in
            second.withUnsafeBufferPointer { second in
                cosines.withUnsafeMutableBufferPointer { cosines in
                    sines.withUnsafeMutableBufferPointer { sines in
                        BoxMuller.fill(
                            first: first.baseAddress!, second: second.baseAddress!, count: count,
                            cosines: cosines.baseAddress!, sines: sines.baseAddress!
                        )
                    }
                }
            }
        }
        let deviates = (cosines + sines).map(Double.init).sorted()
        let n = Double(deviates.count)
        var distance = 0.0
        for (index, value) in deviates.enumerated() {
            let cdf = 0.5 * erfc(-value / 2.0.squareRoot())
            distance = max(distance, abs(cdf - Double(index) / n), abs(cdf - Double(index + 1) / n))
        }
        // The Kolmogorov distribution exceeds 1.95/√n with probability 0.001.
        #expect(distance < 1.95 / n.squareRoot())
        let mean = deviates.reduce(0, +) / n
        let variance = deviates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        #expect(abs(mean) < Fixtures.z / n.squareRoot())
        #expect(abs(variance - 1) < Fixtures.z * (2 / n).squareRoot())
        #expect(deviates.allSatisfy { $0.isFinite })
    }
}

import Foundation
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

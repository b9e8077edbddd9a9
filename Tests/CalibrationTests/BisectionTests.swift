import Calibration
import Foundation
import Testing

@Suite("Bisection")
struct BisectionTests {
    @Test("An increasing response is solved to the step the iterations allow")
    func increasing() {
        var evaluations = 0
        let point = Bisection.solve(in: 0...1, target: 0.125, iterations: 20, tolerance: 0) { x in
            evaluations += 1
            return x * x * x
        }
        #expect(abs(point.parameter - 0.5) < 1e-6)
        #expect(evaluations == 1, "the first midpoint is exact, so the search stops at once")
        let root = Bisection.solve(in: 0...2, target: 2, iterations: 30, tolerance: 1e-12) { $0 * $0 }
        #expect(abs(root.parameter - 2.0.squareRoot()) < 1e-8)
    }

    @Test("A target beyond the range ends at the nearer end")
    func outOfRange() {
        let point = Bisection.solve(in: 0...1, target: 5, iterations: 10, tolerance: 0) { $0 }
        #expect(point.parameter > 0.998)
        #expect(point.parameter < 1)
    }

    @Test("A rise-and-fall response is solved on its rising branch")
    func firstCrossing() {
        // x·e^(−x) peaks at x = 1 (value 0.368); it equals 0.3 at x ≈ 0.48940 and again at x ≈ 1.78146.
        let rising = Bisection.solveFirstCrossing(grid: [0, 0.5, 1, 2, 3], target: 0.3, iterations: 30, tolerance: 0) {
            $0 * exp(-$0)
        }
        #expect(abs(rising.parameter - 0.48940) < 1e-4)
        // A target above the peak is never reached: the closest scanned point is kept.
        let peak = Bisection.solveFirstCrossing(grid: [0, 0.5, 1, 2, 3], target: 0.5, iterations: 30, tolerance: 0) {
            $0 * exp(-$0)
        }
        #expect(peak.parameter == 1)
        // A falling crossing is bisected too: 1/x = 0.4 at x = 2.5.
        let falling = Bisection.solveFirstCrossing(grid: [1, 2, 4], target: 0.4, iterations: 40, tolerance: 0) {
            1 / $0
        }
        #expect(abs(falling.parameter - 2.5) < 1e-6)
    }
}

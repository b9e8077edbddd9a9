import Calibration
import Testing

@Suite("Kolmogorov–Smirnov statistic")
struct KolmogorovSmirnovTests {
    @Test("Hand-computed gaps, ties included")
    func handComputed() {
        // F1 steps 1/3 at 1, 2, 3; F2 steps 1/2 at 2.5 and 4: largest gap at x = 2 (2/3 − 0).
        #expect(abs(KolmogorovSmirnov.statistic([1, 2, 3], [2.5, 4]) - 2.0 / 3.0) < 1e-12)
        // Ties across samples: at x = 1, F1 = 2/4 and F2 = 1/2, at x = 2, F1 = 3/4 and F2 = 1/2 → 1/4.
        #expect(abs(KolmogorovSmirnov.statistic([1, 1, 2, 3], [1, 3]) - 0.25) < 1e-12)
        #expect(KolmogorovSmirnov.statistic([5, 5, 5], [5]) == 0)
        #expect(KolmogorovSmirnov.statistic([1, 2], [3, 4]) == 1)
        #expect(KolmogorovSmirnov.statistic([], [1]) == 0)
    }

    @Test("Symmetric in its samples")
    func symmetric() {
        let a: [Double] = [0.3, 1.7, 2.2, 2.2, 5, 8.1]
        let b: [Double] = [1, 2.2, 3, 3, 9]
        #expect(KolmogorovSmirnov.statistic(a, b) == KolmogorovSmirnov.statistic(b, a))
    }
}

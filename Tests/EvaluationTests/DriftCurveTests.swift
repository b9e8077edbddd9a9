import Evaluation
import Testing

/// The drift summary figures on synthetic per-window curves with a known dip and recovery.
@Suite("Drift summary figures")
struct DriftCurveTests {
    /// Level 0.5 for four windows, a shift at window 4 drops it to 0.2, and it climbs back
    /// above 90 % of 0.5 (0.45) at window 7.
    private let curve = [0.5, 0.5, 0.5, 0.5, 0.2, 0.3, 0.4, 0.46, 0.5, 0.5]

    @Test("mean, pre-shift level, dip depth and recovery of a known dip")
    func knownDip() {
        #expect(abs(DriftCurve.meanOverWindows(curve) - 4.36 / 10) < 1e-12)
        let level = DriftCurve.preShiftLevel(curve, shift: 4)
        #expect(level == 0.5)
        #expect(abs(DriftCurve.dipDepth(curve, shift: 4, level: 0.5) - 0.3) < 1e-12)
        #expect(DriftCurve.recoveryTime(curve, shift: 4, level: 0.5) == .windows(3))
        // A stricter threshold (100 %) is reached one window later.
        #expect(DriftCurve.recoveryTime(curve, shift: 4, level: 0.5, share: 1) == .windows(4))
    }

    @Test("a curve that ends in the dip has not recovered")
    func notRecovered() {
        let stuck = [0.5, 0.5, 0.2, 0.3, 0.4]
        #expect(DriftCurve.recoveryTime(stuck, shift: 2, level: 0.5) == .notRecovered)
        #expect(Recovery.notRecovered.description == "not recovered")
    }

    @Test("a shift that does not hurt recovers in 0 windows with depth 0")
    func noDip() {
        let steady = [0.5, 0.5, 0.48, 0.55]
        #expect(DriftCurve.recoveryTime(steady, shift: 2, level: 0.5) == .windows(0))
        #expect(DriftCurve.dipDepth([0.5, 0.5, 0.6], shift: 2, level: 0.5) == 0)
    }

    @Test("lower-is-better curves dip upwards")
    func lowerIsBetter() {
        // MAE 1.0, shift at 3 raises it to 2.0; back within 1/0.9 = 1.11 at window 5.
        let mae = [1.0, 1.0, 1.0, 2.0, 1.5, 1.05]
        #expect(DriftCurve.dipDepth(mae, shift: 3, level: 1, higherIsBetter: false) == 1)
        #expect(DriftCurve.recoveryTime(mae, shift: 3, level: 1, higherIsBetter: false) == .windows(2))
    }

    @Test("cumulative regret against the oracle's curve")
    func regret() {
        let regret = DriftCurve.cumulativeRegret([0.5, 0.2, 0.4], oracle: [0.6, 0.6, 0.6])
        let expected = [0.1, 0.5, 0.7]
        #expect(regret.count == 3)
        for (value, target) in zip(regret, expected) { #expect(abs(value - target) < 1e-12) }
        let errorRegret = DriftCurve.cumulativeRegret([1.2, 1.0], oracle: [1.0, 1.0], higherIsBetter: false)
        #expect(abs(errorRegret[1] - 0.2) < 1e-12)
    }

    @Test("the summary measures each shift against the level since the previous one")
    func summary() {
        // Two regimes: level 0.5, shift at 3 to a dip of 0.1 recovering at 5; level (0.1 +
        // 0.3 + 0.6 + 0.6 + 0.6 + 0.6)/6 = 0.4667 before the shift at 9, which never recovers.
        let twoShifts = [0.5, 0.5, 0.5, 0.1, 0.3, 0.6, 0.6, 0.6, 0.6, 0.1, 0.2]
        let summary = DriftSummary(curve: twoShifts, shifts: [9, 3], oracle: Array(repeating: 0.7, count: 11))
        #expect(summary.shifts.map(\.window) == [3, 9])
        #expect(summary.shifts[0].preShiftLevel == 0.5)
        #expect(abs(summary.shifts[0].dipDepth - 0.4) < 1e-12)
        #expect(summary.shifts[0].recovery == .windows(2))
        #expect(abs((summary.shifts[1].preShiftLevel ?? 0) - 2.8 / 6) < 1e-12)
        #expect(summary.shifts[1].recovery == .notRecovered)
        #expect(abs((summary.cumulativeRegret?.last ?? 0) - (7.7 - 4.6)) < 1e-12)
        #expect(abs(summary.meanOverWindows - 4.6 / 11) < 1e-12)
    }

    @Test("a shift at window 0 has no pre-shift level")
    func shiftAtStart() {
        let summary = DriftSummary(curve: [0.1, 0.2], shifts: [0])
        #expect(summary.shifts[0].preShiftLevel == nil)
        #expect(summary.shifts[0].recovery == .windows(0))
        #expect(summary.cumulativeRegret == nil)
    }
}

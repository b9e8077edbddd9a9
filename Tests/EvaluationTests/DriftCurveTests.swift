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

    @Test("the summary measures each event against the clean windows since the previous one")
    func summary() {
        // Two regimes: level 0.5, event at 3 to a dip of 0.1 recovering at 5; level (0.3 +
        // 0.6 + 0.6 + 0.6 + 0.6)/5 = 0.54 over the clean windows 4–8 before the event at 9,
        // which never recovers.
        let twoShifts = [0.5, 0.5, 0.5, 0.1, 0.3, 0.6, 0.6, 0.6, 0.6, 0.1, 0.2]
        let summary = DriftSummary(curve: twoShifts, shifts: [9, 3], oracle: Array(repeating: 0.7, count: 11))
        #expect(summary.shifts.map(\.window) == [3, 9])
        #expect(summary.shifts[0].preShiftLevel == 0.5)
        #expect(abs((summary.shifts[0].dipDepth ?? 0) - 0.4) < 1e-12)
        #expect(summary.shifts[0].recovery == .windows(2))
        #expect(abs((summary.shifts[1].preShiftLevel ?? 0) - 2.7 / 5) < 1e-12)
        #expect(summary.shifts[1].recovery == .notRecovered)
        #expect(abs((summary.cumulativeRegret?.last ?? 0) - (7.7 - 4.6)) < 1e-12)
        #expect(abs(summary.meanOverWindows - 4.6 / 11) < 1e-12)
    }

    @Test("an event at window 0, or right after another, has no clean window before it and is not measured")
    func noCleanWindow() {
        let summary = DriftSummary(curve: [0.1, 0.2, 0.3, 0.5, 0.4], shifts: [0, 2, 3])
        #expect(
            summary.shifts[0].preShiftLevel == nil && summary.shifts[0].dipDepth == nil
                && summary.shifts[0].recovery == nil)
        #expect(summary.shifts[1].preShiftLevel == 0.2)
        #expect(
            summary.shifts[2].preShiftLevel == nil && summary.shifts[2].dipDepth == nil
                && summary.shifts[2].recovery == nil)
        #expect(summary.cumulativeRegret == nil && summary.gapSlope == nil)
    }

    @Test("continuous drift: the least-squares slope of the gap to the oracle per window")
    func gapSlope() {
        // The model falls behind a flat oracle by about 0.05 a window: the fitted slope is −0.052.
        let curve = [0.80, 0.76, 0.70, 0.64, 0.60]
        let summary = DriftSummary(curve: curve, shifts: [], oracle: Array(repeating: 0.9, count: 5))
        #expect(abs((summary.gapSlope ?? 0) - -0.052) < 1e-12)
        #expect(DriftCurve.slope([1]) == nil)
        #expect(DriftCurve.slope([2, 2, 2]) == 0)
    }
}

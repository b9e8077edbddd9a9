/// The summary figures of one model's per-window curve of one metric under the drift
/// protocol: everything ``DriftCurve`` defines, around every event, and the trend of the
/// gap to the oracle under continuous drift.
public struct DriftSummary: Hashable, Sendable {
    /// The figures around one event.
    public struct Shift: Hashable, Sendable {
        /// The first window under the new regime.
        public let window: Int
        /// Mean of the clean windows since the previous event (or the start); `nil` when
        /// there is none, and then nothing is measured around the event.
        public let preShiftLevel: Double?
        /// How far the metric fell (or, lower-is-better, rose) from that level before the
        /// next event; `nil` without a clean window before the event.
        public let dipDepth: Double?
        /// Windows until back to the recovery threshold; `nil` without a clean window before.
        public let recovery: Recovery?
    }

    /// Mean of the curve over all windows.
    public let meanOverWindows: Double
    /// The figures around each event, in window order.
    public let shifts: [Shift]
    /// Running regret against the oracle's curve, when one was given.
    public let cumulativeRegret: [Double]?
    /// The least-squares slope per window of the gap to the oracle (curve − oracle), when
    /// an oracle curve of two or more windows was given: how continuous drift wears a
    /// model down (negative for a higher-is-better metric falling behind the oracle).
    public let gapSlope: Double?

    /// Summarizes `curve` with events at the windows `shifts`.
    ///
    /// An event is measured only when at least one clean window (no event in it) precedes
    /// it since the previous event: its level is their mean. An event in the first window,
    /// or right after another, has no level to fall from and no dip or recovery.
    public init(
        curve: [Double], shifts: [Int], oracle: [Double]? = nil, higherIsBetter: Bool = true,
        recoveryShare: Double = DriftCurve.defaultRecoveryShare
    ) {
        let sorted = shifts.sorted()
        self.meanOverWindows = DriftCurve.meanOverWindows(curve)
        self.shifts = sorted.enumerated().map { index, shift in
            let start = index > 0 ? sorted[index - 1] + 1 : 0
            let end = index + 1 < sorted.count ? sorted[index + 1] : curve.count
            guard let level = DriftCurve.preShiftLevel(curve, shift: shift, since: start) else {
                return Shift(window: shift, preShiftLevel: nil, dipDepth: nil, recovery: nil)
            }
            return Shift(
                window: shift, preShiftLevel: level,
                dipDepth: DriftCurve.dipDepth(
                    curve, shift: shift, level: level, end: end, higherIsBetter: higherIsBetter),
                recovery: DriftCurve.recoveryTime(
                    curve, shift: shift, level: level, share: recoveryShare, end: end, higherIsBetter: higherIsBetter
                )
            )
        }
        self.cumulativeRegret = oracle.map {
            DriftCurve.cumulativeRegret(curve, oracle: $0, higherIsBetter: higherIsBetter)
        }
        self.gapSlope = oracle.flatMap { oracle in
            oracle.count == curve.count ? DriftCurve.slope(zip(curve, oracle).map { $0 - $1 }) : nil
        }
    }
}

/// The summary figures of one model's per-window curve of one metric under the drift
/// protocol: everything ``DriftCurve`` defines, for every shift.
public struct DriftSummary: Hashable, Sendable {
    /// The figures around one shift.
    public struct Shift: Hashable, Sendable {
        /// The first window under the new regime.
        public let window: Int
        /// Mean of the windows since the previous shift (or the start); `nil` when there are none.
        public let preShiftLevel: Double?
        /// How far the metric fell (or, lower-is-better, rose) from that level before the next shift.
        public let dipDepth: Double
        /// Windows until back to the recovery threshold.
        public let recovery: Recovery
    }

    /// Mean of the curve over all windows.
    public let meanOverWindows: Double
    /// The figures around each shift, in window order.
    public let shifts: [Shift]
    /// Running regret against the oracle's curve, when one was given.
    public let cumulativeRegret: [Double]?

    /// Summarizes `curve` with shifts at the windows `shifts`.
    ///
    /// A shift without pre-shift windows has dip depth 0 and recovery 0, as there is no
    /// level to fall from.
    public init(
        curve: [Double], shifts: [Int], oracle: [Double]? = nil, higherIsBetter: Bool = true,
        recoveryShare: Double = DriftCurve.defaultRecoveryShare
    ) {
        let sorted = shifts.sorted()
        self.meanOverWindows = DriftCurve.meanOverWindows(curve)
        self.shifts = sorted.enumerated().map { index, shift in
            let start = index > 0 ? sorted[index - 1] : 0
            let end = index + 1 < sorted.count ? sorted[index + 1] : curve.count
            guard let level = DriftCurve.preShiftLevel(curve, shift: shift, since: start) else {
                return Shift(window: shift, preShiftLevel: nil, dipDepth: 0, recovery: .windows(0))
            }
            return Shift(
                window: shift, preShiftLevel: level,
                dipDepth: DriftCurve.dipDepth(curve, shift: shift, level: level, end: end, higherIsBetter: higherIsBetter),
                recovery: DriftCurve.recoveryTime(
                    curve, shift: shift, level: level, share: recoveryShare, end: end, higherIsBetter: higherIsBetter
                )
            )
        }
        self.cumulativeRegret = oracle.map { DriftCurve.cumulativeRegret(curve, oracle: $0, higherIsBetter: higherIsBetter) }
    }
}

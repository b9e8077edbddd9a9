import RecData

/// Settings of population trends: interest in each category, genre or topic wanders in
/// slow waves (topic waves, fashions), the same for every user.
///
/// Each group's utility shift is a piecewise-linear curve through random knots spaced
/// ``wavelengthDays`` apart: zero at the start, then Normal(0, amplitude²) at each knot.
public struct TrendDriftConfig: Hashable, Sendable {
    /// Standard deviation of the shift at each knot (`amplitude`, default 0.5).
    public var amplitude: Double = 0.5
    /// Days between knots (`wavelength_days`, default 14).
    public var wavelengthDays: Double = 14
    /// The day the trends start (`start_day`, default 0).
    public var startDay: Double = 0

    /// Creates the default settings.
    public init() {}
}

/// A compiled trend process over the drift groups.
struct TrendDrift: Sendable {
    let start: Int64
    let wavelength: Int64
    let knotsPerGroup: Int
    /// `groups × knotsPerGroup` knot values, knot 0 of every group being 0.
    let knots: [Double]

    init(config: TrendDriftConfig, groups: Int, clock: WorldClock, random: RandomSource) {
        var random = random
        start = WorldClock.seconds(days: config.startDay)
        wavelength = max(1, WorldClock.seconds(days: config.wavelengthDays))
        knotsPerGroup = Int(max(0, clock.duration - start) / wavelength) + 2
        var knots = [Double]()
        knots.reserveCapacity(groups * knotsPerGroup)
        for _ in 0..<groups {
            knots.append(0)
            for _ in 1..<knotsPerGroup { knots.append(config.amplitude * random.nextGaussian()) }
        }
        self.knots = knots
    }

    /// The utility shift of `group` at `time`.
    func value(group: Int, at time: Int64) -> Double {
        guard time >= start else { return 0 }
        let offset = time - start
        let knot = min(Int(offset / wavelength), knotsPerGroup - 2)
        let fraction = min(1, Double(offset - Int64(knot) * wavelength) / Double(wavelength))
        let base = group * knotsPerGroup + knot
        return knots[base] + fraction * (knots[base + 1] - knots[base])
    }
}

import Foundation
import RecData

/// Settings of periodic drift: interest in each category, genre or topic rises and
/// falls with a fixed period (weekly habits, seasons), each group with its own phase.
///
/// A group's utility shift at time t is `amplitude · (sin(2π(t − start)/period + φ) − sin φ)`,
/// zero at the start so the process switches on smoothly.
public struct PeriodicDriftConfig: Hashable, Sendable {
    /// Amplitude of the utility shift (`amplitude`, default 0.5).
    public var amplitude: Double = 0.5
    /// Period in days (`period_days`, default 7).
    public var periodDays: Double = 7
    /// The day the oscillation starts (`start_day`, default 0).
    public var startDay: Double = 0

    /// Creates the default settings.
    public init() {}
}

/// A compiled periodic process over the drift groups.
struct PeriodicDrift: Sendable {
    let start: Int64
    let amplitude: Double
    let angularFrequency: Double
    let phases: [Double]

    init(config: PeriodicDriftConfig, groups: Int, random: RandomSource) {
        var random = random
        start = WorldClock.seconds(days: config.startDay)
        amplitude = config.amplitude
        angularFrequency = 2 * Double.pi / (config.periodDays * Double(WorldClock.secondsPerDay))
        phases = (0..<groups).map { _ in 2 * Double.pi * random.nextUnit() }
    }

    /// The utility shift of `group` at `time`.
    func value(group: Int, at time: Int64) -> Double {
        guard time >= start else { return 0 }
        let phase = phases[group]
        return amplitude * (sin(angularFrequency * Double(time - start) + phase) - sin(phase))
    }
}

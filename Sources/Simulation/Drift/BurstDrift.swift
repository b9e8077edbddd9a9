import Foundation
import RecData

/// Settings of bursts: at random moments (a Poisson process) one category, genre or
/// topic is lifted for a while, as breaking news lifts a topic.
public struct BurstDriftConfig: Hashable, Sendable {
    /// Expected bursts per day (`rate_per_day`, default 0.5).
    public var ratePerDay: Double = 0.5
    /// Utility added to the lifted group's items during a burst (`lift`, default 1.5).
    public var lift: Double = 1.5
    /// How long a burst lasts, in hours (`duration_hours`, default 24).
    public var durationHours: Double = 24
    /// The day bursts may start (`start_day`, default 0).
    public var startDay: Double = 0

    /// Creates the default settings.
    public init() {}
}

/// The bursts of one process, drawn when the world is built.
struct BurstDrift: Sendable {
    /// One burst: a group lifted during `start..<end`.
    struct Burst: Hashable, Sendable {
        let group: Int
        let start: Int64
        let end: Int64
    }

    let lift: Double
    /// Every burst, in start order.
    let bursts: [Burst]
    /// Per group, the indices of its bursts in ``bursts``.
    let byGroup: [[Int]]

    init(config: BurstDriftConfig, groups: Int, clock: WorldClock, random: RandomSource) {
        var random = random
        lift = config.lift
        let duration = max(1, WorldClock.seconds(hours: config.durationHours))
        let meanGap = Double(WorldClock.secondsPerDay) / max(config.ratePerDay, 1e-12)
        var time = Double(WorldClock.seconds(days: config.startDay))
        var bursts = [Burst]()
        var byGroup = Array(repeating: [Int](), count: groups)
        while true {
            time += -log(1 - random.nextUnit()) * meanGap
            guard time < Double(clock.duration) else { break }
            let group = random.nextIndex(below: groups)
            byGroup[group].append(bursts.count)
            bursts.append(Burst(group: group, start: Int64(time), end: Int64(time) + duration))
        }
        self.bursts = bursts
        self.byGroup = byGroup
    }

    /// The utility shift of `group` at `time`.
    func value(group: Int, at time: Int64) -> Double {
        var total = 0.0
        for index in byGroup[group] {
            let burst = bursts[index]
            if burst.start > time { break }
            if time < burst.end { total += lift }
        }
        return total
    }
}

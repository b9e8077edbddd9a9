import RecData

/// The world's drift processes, compiled: what changes users' preferences (gradual,
/// sudden, reinforcement), what shifts group interest (periodic, trend, burst) and
/// how the catalog churns.
struct DriftModel: Sendable {
    var gradual: [GradualDrift] = []
    /// Sudden switches in time order.
    var sudden: [SuddenDrift] = []
    var reinforcementStrength: Float = 0
    var reinforcementStart: Int64 = .max
    var periodic: [PeriodicDrift] = []
    var trends: [TrendDrift] = []
    var bursts: [BurstDrift] = []
    var churn: ItemChurnConfig?
    private var configs: [DriftProcess] = []
    /// Sudden switches in list order, for the shift events.
    private var suddenInListOrder: [SuddenDrift] = []

    /// No drift at all.
    init() {}

    /// Compiles `processes` for a world with `groups` drift groups; each process draws
    /// from its own stream, labelled by its position in the list.
    init(processes: [DriftProcess], groups: Int, clock: WorldClock, random: RandomSource) {
        configs = processes
        for (index, process) in processes.enumerated() {
            let stream = random.stream("\(process.kind)/\(index)")
            switch process {
            case let .gradual(config): gradual.append(GradualDrift(config: config, random: stream))
            case let .sudden(config): suddenInListOrder.append(SuddenDrift(config: config, random: stream))
            case let .periodic(config): periodic.append(PeriodicDrift(config: config, groups: groups, random: stream))
            case let .trend(config):
                trends.append(TrendDrift(config: config, groups: groups, clock: clock, random: stream))
            case let .burst(config):
                bursts.append(BurstDrift(config: config, groups: groups, clock: clock, random: stream))
            case let .churn(config): churn = config
            case let .reinforcement(config):
                reinforcementStrength = Float(config.strength)
                reinforcementStart = WorldClock.seconds(days: config.startDay)
            }
        }
        sudden = suddenInListOrder.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }

    /// Whether any process moves individual users' preferences.
    var movesUsers: Bool { !gradual.isEmpty || !sudden.isEmpty || hasReinforcement }

    /// The earliest moment a gradual step or a sudden switch changes anyone's preference.
    var earliestUserChange: Int64 {
        min(gradual.map { $0.time(ofStep: 1) }.min() ?? .max, sudden.first?.time ?? .max)
    }

    /// Whether consumption pulls preferences.
    var hasReinforcement: Bool { reinforcementStrength > 0 }

    /// Whether any process shifts group interest.
    var shiftsGroups: Bool { !periodic.isEmpty || !trends.isEmpty || !bursts.isEmpty }

    /// The summed utility shift of `group` at `time` from periodic, trend and burst processes.
    func groupValue(group: Int, at time: Int64) -> Double {
        var total = 0.0
        for process in periodic { total += process.value(group: group, at: time) }
        for process in trends { total += process.value(group: group, at: time) }
        for process in bursts { total += process.value(group: group, at: time) }
        return total
    }

    // MARK: - Shift events

    /// The shifts the processes cause, in start order.
    func shiftEvents(users: Int, archetypes: Int, clock: WorldClock) -> [ShiftEvent] {
        var events = [ShiftEvent]()
        var suddenIndex = 0
        var burstIndex = 0
        for process in configs {
            switch process {
            case let .gradual(config):
                events.append(
                    ShiftEvent(
                        kind: .gradual, start: WorldClock.seconds(days: config.startDay), end: clock.duration,
                        magnitude: config.strength,
                        summary: "gradual drift: strength \(config.strength), reversion \(config.reversionDays) days"
                    ))
            case let .sudden(config):
                let process = suddenInListOrder[suddenIndex]
                suddenIndex += 1
                let switched = (0..<users).filter { process.switchChoice(of: $0, archetypes: archetypes) != nil }.map(
                    UserID.init(index:))
                events.append(
                    ShiftEvent(
                        kind: .sudden, start: process.time, end: process.time, users: switched, magnitude: config.share,
                        summary: "sudden switch on day \(config.atDay): \(switched.count) users change archetype"
                    ))
            case let .periodic(config):
                events.append(
                    ShiftEvent(
                        kind: .periodic, start: WorldClock.seconds(days: config.startDay), end: clock.duration,
                        magnitude: config.amplitude,
                        summary: "periodic interest: amplitude \(config.amplitude), period \(config.periodDays) days"
                    ))
            case let .trend(config):
                events.append(
                    ShiftEvent(
                        kind: .trend, start: WorldClock.seconds(days: config.startDay), end: clock.duration,
                        magnitude: config.amplitude,
                        summary:
                            "population trends: amplitude \(config.amplitude), wavelength \(config.wavelengthDays) days"
                    ))
            case let .burst(config):
                for burst in bursts[burstIndex].bursts {
                    events.append(
                        ShiftEvent(
                            kind: .burst, start: burst.start, end: burst.end, group: burst.group,
                            magnitude: config.lift,
                            summary:
                                "burst: group \(burst.group) lifted by \(config.lift) for \(config.durationHours) hours"
                        ))
                }
                burstIndex += 1
            case let .churn(config):
                events.append(
                    ShiftEvent(
                        kind: .churn, start: 0, end: clock.duration, magnitude: config.arrivals + config.expirations,
                        summary: "item churn: \(config.arrivals) of items arrive, \(config.expirations) expire"
                    ))
            case let .reinforcement(config):
                events.append(
                    ShiftEvent(
                        kind: .reinforcement, start: WorldClock.seconds(days: config.startDay), end: clock.duration,
                        magnitude: config.strength,
                        summary: "reinforcement: each consumption closes \(config.strength) of the gap"
                    ))
            }
        }
        return events.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(
            \.element)
    }
}

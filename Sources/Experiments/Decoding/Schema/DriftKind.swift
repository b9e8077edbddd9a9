import Simulation

/// One kind of drift process a `world.drift` entry may name: its keys (the schema of its
/// settings) and how an entry of that kind is decoded.
struct DriftKind {
    /// The kind's name (`gradual`).
    let name: String
    /// The keys an entry of this kind accepts besides `kind`, with their defaults.
    let keys: [SchemaKey]
    /// Decodes an entry of this kind; returns the process and the entry's checked keys.
    let decode: (_ entry: SpecNode) throws -> (DriftProcess, SpecNode.Mapping)

    /// The kind as a variant of the `drift` list's entries.
    var variant: SchemaVariant { SchemaVariant(name: name, keys: keys) }

    /// Days of the clock a process may start or switch at; each must also fall before the
    /// clock's end.
    static let dayRange = 0.0...10_000
    /// The keys that name a day of the clock.
    private static let dayKeys = ["start_day", "at_day"]

    /// A kind whose settings are the fields of `Config`, starting from `defaults`.
    private static func kind<Config>(
        _ name: String, _ defaults: Config, _ fields: [ScenarioField<Config>],
        _ process: @escaping (Config) -> DriftProcess
    ) -> DriftKind {
        let kindField = ScenarioField<Config>(name: "kind", summary: "", type: { _ in .text }, read: { _ in nil }) {
            _, _, _ in
        }
        return DriftKind(name: name, keys: fields.map { $0.key(defaults: defaults) }) { entry in
            var config = defaults
            let mapping = try entry.decode([kindField] + fields, into: &config, context: DecodingContext())
            return (process(config), mapping)
        }
    }

    // MARK: - The kinds

    /// Every kind, in the order errors list them.
    static var all: [DriftKind] {
        [
            kind(
                "gradual", GradualDriftConfig(),
                [
                    .number(
                        "strength", \.strength, 0...100,
                        "Stationary standard deviation of each user's offset per latent component."),
                    .number(
                        "reversion_days", \.reversionDays, 0.001...100_000, "Mean-reversion time of the walk in days."),
                    .number("step_hours", \.stepHours, 0.01...100_000, "Time between steps of the walk in hours."),
                    .number("start_day", \.startDay, dayRange, "The day the walk starts; before the clock's end."),
                ], DriftProcess.gradual),
            kind(
                "sudden", SuddenDriftConfig(),
                [
                    .number(
                        "at_day", \.atDay, dayRange,
                        "The day a share of users switch their leading archetype; before the clock's end."
                    ).required(),
                    .share("share", \.share, "Share of users who switch."),
                ], DriftProcess.sudden),
            kind(
                "periodic", PeriodicDriftConfig(),
                [
                    .number("amplitude", \.amplitude, 0...100, "Amplitude of each group's utility oscillation."),
                    .number("period_days", \.periodDays, 0.01...100_000, "Period in days."),
                    .number(
                        "start_day", \.startDay, dayRange, "The day the oscillation starts; before the clock's end."),
                ], DriftProcess.periodic),
            kind(
                "trend", TrendDriftConfig(),
                [
                    .number(
                        "amplitude", \.amplitude, 0...100,
                        "Standard deviation of each group's utility shift at each knot."),
                    .number(
                        "wavelength_days", \.wavelengthDays, 0.01...100_000,
                        "Days between knots of the piecewise-linear trends."),
                    .number("start_day", \.startDay, dayRange, "The day the trends start; before the clock's end."),
                ], DriftProcess.trend),
            kind(
                "burst", BurstDriftConfig(),
                [
                    .number("rate_per_day", \.ratePerDay, 0...1_000, "Expected bursts per day (a Poisson process)."),
                    .number("lift", \.lift, -100...100, "Utility added to the lifted group's items during a burst."),
                    .number("duration_hours", \.durationHours, 0.01...100_000, "How long a burst lasts, in hours."),
                    .number("start_day", \.startDay, dayRange, "The day bursts may start; before the clock's end."),
                ], DriftProcess.burst),
            kind(
                "churn", ItemChurnConfig(),
                [
                    .share(
                        "arrivals", \.arrivals,
                        "Share of items that arrive during the clock instead of being there from the start."),
                    .share(
                        "expirations", \.expirations,
                        "Share of items that expire between their arrival and the clock's end."),
                ], DriftProcess.churn),
            kind(
                "reinforcement", ReinforcementConfig(),
                [
                    .share("strength", \.strength, "Fraction of the gap to a consumed item closed per consumption."),
                    .number(
                        "start_day", \.startDay, dayRange, "The day consumption starts to pull; before the clock's end."
                    ),
                ], DriftProcess.reinforcement),
        ]
    }

    // MARK: - Decoding

    /// The `world.drift` list: each entry a mapping with a `kind` and its settings.
    static func decodeList(_ node: SpecNode, family: WorldFamily, days: Double) throws -> [DriftProcess] {
        let kinds = all
        let names = kinds.map(\.name)
        var processes = [DriftProcess]()
        for entry in try node.sequence() {
            guard let kindNode = try entry.pairs().first(where: { $0.key == "kind" })?.value else {
                throw entry.error("missing required key 'kind' (one of: \(names.joined(separator: ", ")))")
            }
            let name = try kindNode.choice(names)
            guard let kind = kinds.first(where: { $0.name == name }) else {
                throw kindNode.error("unknown drift kind '\(name)'")
            }
            let (process, fields) = try kind.decode(entry)
            for key in dayKeys {
                guard let dayNode = fields[key] else { continue }
                let value = try dayNode.double(in: dayRange)
                guard value < days else {
                    throw dayNode.error("\(key) \(value) is at or after the end of the clock (days: \(days))")
                }
            }
            if name == "churn", family == .news {
                throw kindNode.error(
                    "news articles arrive and expire by lifetime_hours; churn applies to ecommerce and video worlds")
            }
            if name == "churn" || name == "reinforcement", processes.contains(where: { $0.kind == name }) {
                throw kindNode.error("give at most one '\(name)' process")
            }
            processes.append(process)
        }
        return processes
    }
}

import Simulation

extension WorldDecoder {
    /// Keys of each drift process kind, besides `kind`.
    static let driftKeys: [String: [String]] = [
        "gradual": ["strength", "reversion_days", "step_hours", "start_day"],
        "sudden": ["at_day", "share"],
        "periodic": ["amplitude", "period_days", "start_day"],
        "trend": ["amplitude", "wavelength_days", "start_day"],
        "burst": ["rate_per_day", "lift", "duration_hours", "start_day"],
        "churn": ["arrivals", "expirations"],
        "reinforcement": ["strength", "start_day"],
    ]

    /// The `world.drift` list: each entry a mapping with a `kind` and its settings.
    func decodeDrift(_ node: SpecNode, family: WorldFamily, days: Double) throws -> [DriftProcess] {
        var processes = [DriftProcess]()
        for entry in try node.sequence() {
            guard let kindNode = try entry.pairs().first(where: { $0.key == "kind" })?.value else {
                throw entry.error("missing required key 'kind' (one of: \(DriftProcess.kinds.joined(separator: ", ")))")
            }
            let kind = try kindNode.choice(DriftProcess.kinds)
            let fields = try entry.mapping(allowed: ["kind"] + (Self.driftKeys[kind] ?? []))
            let process = try decodeProcess(kind: kind, fields: fields, days: days)
            if kind == "churn", family == .news {
                throw kindNode.error("news articles arrive and expire by lifetime_hours; churn applies to ecommerce and video worlds")
            }
            if kind == "churn" || kind == "reinforcement", processes.contains(where: { $0.kind == kind }) {
                throw kindNode.error("give at most one '\(kind)' process")
            }
            processes.append(process)
        }
        return processes
    }

    private func decodeProcess(kind: String, fields: SpecNode.Mapping, days: Double) throws -> DriftProcess {
        func day(_ key: String) throws -> Double? {
            guard let node = fields[key] else { return nil }
            let value = try node.double(in: 0...10_000)
            guard value < days else {
                throw node.error("\(key) \(value) is at or after the end of the clock (days: \(days))")
            }
            return value
        }
        switch kind {
        case "gradual":
            var config = GradualDriftConfig()
            if let value = fields["strength"] { config.strength = try value.double(in: 0...100) }
            if let value = fields["reversion_days"] { config.reversionDays = try value.double(in: 0.001...100_000) }
            if let value = fields["step_hours"] { config.stepHours = try value.double(in: 0.01...100_000) }
            if let value = try day("start_day") { config.startDay = value }
            return .gradual(config)
        case "sudden":
            var config = SuddenDriftConfig()
            _ = try fields.required("at_day")
            config.atDay = try day("at_day") ?? config.atDay
            if let value = fields["share"] { config.share = try Self.probability(value) }
            return .sudden(config)
        case "periodic":
            var config = PeriodicDriftConfig()
            if let value = fields["amplitude"] { config.amplitude = try value.double(in: 0...100) }
            if let value = fields["period_days"] { config.periodDays = try value.double(in: 0.01...100_000) }
            if let value = try day("start_day") { config.startDay = value }
            return .periodic(config)
        case "trend":
            var config = TrendDriftConfig()
            if let value = fields["amplitude"] { config.amplitude = try value.double(in: 0...100) }
            if let value = fields["wavelength_days"] { config.wavelengthDays = try value.double(in: 0.01...100_000) }
            if let value = try day("start_day") { config.startDay = value }
            return .trend(config)
        case "burst":
            var config = BurstDriftConfig()
            if let value = fields["rate_per_day"] { config.ratePerDay = try value.double(in: 0...1_000) }
            if let value = fields["lift"] { config.lift = try value.double(in: -100...100) }
            if let value = fields["duration_hours"] { config.durationHours = try value.double(in: 0.01...100_000) }
            if let value = try day("start_day") { config.startDay = value }
            return .burst(config)
        case "churn":
            var config = ItemChurnConfig()
            if let value = fields["arrivals"] { config.arrivals = try Self.probability(value) }
            if let value = fields["expirations"] { config.expirations = try Self.probability(value) }
            return .churn(config)
        default:
            var config = ReinforcementConfig()
            if let value = fields["strength"] { config.strength = try Self.probability(value) }
            if let value = try day("start_day") { config.startDay = value }
            return .reinforcement(config)
        }
    }
}

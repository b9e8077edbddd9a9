import Foundation

/// The time-dependent part of an item's utility, the same for every user: group
/// drift (periodic, trend, burst), e-commerce seasonal demand and news freshness.
///
/// Group drift and seasonal demand change hourly: they are evaluated at the start of
/// the hour a moment falls in, and tabulated for every hour of the clock (when the
/// table stays under ``tableLimit`` entries), so that the behaviour loop looks them up
/// and the oracle gives exactly the values the log was generated with. Freshness is
/// exact to the second.
struct TimeEffects: Sendable {
    /// Group drift, when any process shifts groups.
    let drift: DriftModel?
    /// E-commerce seasonal demand, when any item is seasonal.
    let seasonal: SeasonalDemandConfig?
    /// News freshness: weight and half-life in seconds.
    let freshness: (weight: Float, halfLife: Double)?
    /// Hours tabulated (hour 0 up to the end of the clock).
    let hours: Int
    /// Group drift per hour, `hours × groups`, when tabulated.
    private(set) var groupTable: [Float]
    let groups: Int
    /// Seasonal demand per hour, `hours × 13`, when tabulated.
    private(set) var seasonTable: [Float]

    /// Largest table kept (entries); beyond it values are computed when asked for.
    static let tableLimit = 16_000_000

    /// No time effects at all.
    static let none = TimeEffects(drift: nil, seasonal: nil, freshness: nil, clock: WorldClock(days: 0), groups: 0)

    init(
        drift: DriftModel?, seasonal: SeasonalDemandConfig?, freshness: (weight: Float, halfLife: Double)?,
        clock: WorldClock, groups: Int
    ) {
        self.drift = drift
        self.seasonal = seasonal
        self.freshness = freshness
        self.groups = groups
        let hours = Int(clock.duration / WorldClock.secondsPerHour) + 1
        self.hours = hours
        groupTable = []
        seasonTable = []
        if drift != nil, hours * groups <= Self.tableLimit {
            let table = (0..<(hours * groups)).map { groupValue(group: $0 % groups, hour: Int64($0 / groups)) }
            groupTable = table
        }
        if seasonal != nil, hours * 13 <= Self.tableLimit {
            let table = (0..<(hours * 13)).map { seasonalValue(season: $0 % 13, hour: Int64($0 / 13)) }
            seasonTable = table
        }
    }

    /// Whether the effects can change anything.
    var isEmpty: Bool { drift == nil && seasonal == nil && freshness == nil }

    /// The group drift of `group` during hour `hour`.
    @inline(__always)
    func groupShift(group: Int, hour: Int64) -> Float {
        if hour >= 0, hour < Int64(hours), !groupTable.isEmpty { return groupTable[Int(hour) * groups + group] }
        return groupValue(group: group, hour: hour)
    }

    /// The seasonal demand of season code `season` during hour `hour`.
    @inline(__always)
    func seasonalShift(season: Int, hour: Int64) -> Float {
        if hour >= 0, hour < Int64(hours), !seasonTable.isEmpty { return seasonTable[Int(hour) * 13 + season] }
        return seasonalValue(season: season, hour: hour)
    }

    /// The freshness of an article published at `published`, at `time`.
    @inline(__always)
    func freshnessValue(published: Int64, at time: Int64) -> Float {
        guard let freshness else { return 0 }
        return Self.freshness(weight: freshness.weight, halfLife: freshness.halfLife, published: published, at: time)
    }

    /// `weight · 2^(−age / halfLife)` for an article published at `published`, at `time`
    /// (the power of two in single precision, see ``FastMath/exponential(_:)``).
    @inline(__always)
    static func freshness(weight: Float, halfLife: Double, published: Int64, at time: Int64) -> Float {
        freshness(weight: weight, halfLife: halfLife, age: Double(max(0, time - published)))
    }

    /// `weight · 2^(−age / halfLife)` for an article `age` seconds old (0 before
    /// publication), as `weight · e^(−age · (ln 2 / halfLife))`: in a loop over articles
    /// the rate is computed once, not divided per article.
    @inline(__always)
    static func freshness(weight: Float, halfLife: Double, age: Double) -> Float {
        weight * FastMath.exponential(Float(-age * (M_LN2 / halfLife)))
    }

    /// The whole time-dependent utility of `item` at `time`.
    @inline(__always)
    func value(item: Int, catalog: Catalog, at time: Int64) -> Float {
        let hour = WorldClock.hour(of: time)
        var total: Float = 0
        if drift != nil { total += groupShift(group: Int(catalog.group[item]), hour: hour) }
        if seasonal != nil { total += seasonalShift(season: Int(catalog.season[item]), hour: hour) }
        if freshness != nil { total += freshnessValue(published: catalog.publishTime[item], at: time) }
        return total
    }

    // MARK: - Computing

    private func groupValue(group: Int, hour: Int64) -> Float {
        Float(drift?.groupValue(group: group, at: hour * WorldClock.secondsPerHour) ?? 0)
    }

    private func seasonalValue(season: Int, hour: Int64) -> Float {
        guard let seasonal, season > 0 else { return 0 }
        let period = seasonal.periodDays * Double(WorldClock.secondsPerDay)
        let time = Double(hour * WorldClock.secondsPerHour)
        let angle = 2 * Double.pi * (time / period - (Double(season) - 0.5) / 12)
        return Float(seasonal.amplitude * exp(seasonal.sharpness * (cos(angle) - 1)))
    }
}

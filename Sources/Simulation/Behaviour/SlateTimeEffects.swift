/// The time-dependent utility of the items of one slate, with what depends only on the
/// slate's moment resolved once: the rows of the hourly group-drift and seasonal tables
/// (see ``TimeEffects``). Gives exactly ``TimeEffects/value(item:catalog:at:)``.
///
/// Holds no reference to the ``TimeEffects`` (copying one per slate would retain its
/// tables); hours beyond the tables ask the effects passed in.
struct SlateTimeEffects {
    private let hour: Int64
    private let hasGroupDrift: Bool
    private let hasSeasonal: Bool
    /// The group-drift table's row of the hour, when tabulated.
    private let groupRow: UnsafePointer<Float>?
    /// The seasonal table's row of the hour, when tabulated.
    private let seasonRow: UnsafePointer<Float>?
    private let freshnessWeight: Float?
    private let freshnessHalfLife: Double

    init(view: HotTables.View, at time: Int64) {
        let hour = WorldClock.hour(of: time)
        self.hour = hour
        let tabulated = hour >= 0 && hour < view.tabulatedHours
        hasGroupDrift = view.hasGroupDrift
        hasSeasonal = view.hasSeasonal
        groupRow = tabulated ? view.groupTable.map { $0 + Int(hour) * view.groupCount } : nil
        seasonRow = tabulated ? view.seasonTable.map { $0 + Int(hour) * 13 } : nil
        freshnessWeight = view.freshnessWeight
        freshnessHalfLife = view.freshnessHalfLife
    }

    /// The time-dependent utility of the item of `record`, given its freshness `fresh`
    /// (see ``freshness(ages:count:into:)``; ignored without freshness); `effects` are the
    /// world's.
    @inline(__always)
    func value(of record: ItemRecord, fresh: Float, effects: borrowing TimeEffects) -> Float {
        var total: Float = 0
        if hasGroupDrift {
            total += groupRow.map { $0[record.group] } ?? effects.groupShift(group: record.group, hour: hour)
        }
        if hasSeasonal {
            total += seasonRow.map { $0[record.season] } ?? effects.seasonalShift(season: record.season, hour: hour)
        }
        if freshnessWeight != nil { total += fresh }
        return total
    }

    /// The freshness of `count` articles of the given ages in seconds (0 before
    /// publication; ages fit 32 bits as clock times do), in a loop that vectorizes.
    @inline(__always)
    func freshness(ages: UnsafePointer<Int32>, count: Int, into fresh: UnsafeMutablePointer<Float>) {
        guard let weight = freshnessWeight else { return }
        let halfLife = freshnessHalfLife
        for index in 0..<count {
            fresh[index] = TimeEffects.freshness(weight: weight, halfLife: halfLife, age: Double(ages[index]))
        }
    }
}

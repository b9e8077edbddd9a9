import RecData

/// The user segments results are broken down by: `all`, then one segment per value of
/// each requested breakdown.
///
/// - `activity`: the user's activity band by their number of interactions, cut at the
///   tertiles of the evaluated users' counts: `activity=low` (at most the lower tertile),
///   `activity=high` (above the upper tertile), `activity=medium` between.
/// - `archetype` (simulated worlds): one segment per dominant hidden archetype, the one
///   of largest weight in the user's preference mixture, `archetype=2`;
/// - a categorical user feature: one segment per value, `age_band=3`;
/// - a multi-valued feature: one segment per value, a user belonging to each of theirs;
/// - a numeric feature: tertile bands like activity, `income=low|medium|high`.
/// Dense features cannot segment. Empty segments are left out.
public struct UserSegments: Sendable {
    /// The name of the activity-band breakdown.
    public static let activity = "activity"
    /// The name of the dominant-archetype breakdown.
    public static let archetype = "archetype"
    /// The segment of every evaluated user.
    public static let all = "all"

    /// Segment labels and their users, `all` first, then breakdowns in the order
    /// requested and values in ascending order.
    public let segments: [(label: String, users: Set<UserID>)]

    /// Segments `users` by each of `breakdowns`.
    ///
    /// - Parameters:
    ///   - users: the evaluated users.
    ///   - breakdowns: `activity` or names of user features.
    ///   - features: the dataset's user features.
    ///   - activity: each user's number of interactions, indexed by user.
    ///   - archetypes: each user's dominant archetype, indexed by user; `nil` when the data
    ///     has none.
    /// - Throws: ``EvaluationError/unknownSegment(name:available:)`` for a name that is
    ///   neither `activity`, `archetype` nor a user feature, ``EvaluationError/missingArchetypes``
    ///   for `archetype` without archetypes, ``EvaluationError/unsegmentableFeature(name:)``
    ///   for a dense feature.
    public init(
        users: [UserID], breakdowns: [String], features: FeatureTable, activity: [Int], archetypes: [Int]? = nil
    ) throws {
        var segments: [(label: String, users: Set<UserID>)] = [(Self.all, Set(users))]
        for name in breakdowns {
            let groups: [(String, [UserID])]
            if name == Self.activity {
                groups = Self.tertileBands(users, value: { Double(activity[$0.index]) })
            } else if name == Self.archetype {
                guard let archetypes else { throw EvaluationError.missingArchetypes }
                groups = Self.valueGroups(users) { [Int32(archetypes[$0.index])] }
            } else {
                guard let column = features.column(named: name) else {
                    let available =
                        [Self.activity] + (archetypes == nil ? [] : [Self.archetype]) + features.schema.map(\.name)
                    throw EvaluationError.unknownSegment(name: name, available: available)
                }
                groups = try Self.groups(users, column: column, name: name)
            }
            segments += groups.filter { !$0.1.isEmpty }.map { ("\(name)=\($0.0)", Set($0.1)) }
        }
        self.segments = segments
    }

    // MARK: - Breakdowns

    private static func groups(_ users: [UserID], column: FeatureColumn, name: String) throws -> [(String, [UserID])] {
        switch column {
        case let .categorical(codes, _):
            return valueGroups(users) { [codes[$0.index]] }
        case let .multiValued(lists, _):
            return valueGroups(users) { Array(Set(lists[$0.index])) }
        case let .numeric(values):
            return tertileBands(users) { Double(values[$0.index]) }
        case .dense:
            throw EvaluationError.unsegmentableFeature(name: name)
        }
    }

    private static func valueGroups(_ users: [UserID], values: (UserID) -> [Int32]) -> [(String, [UserID])] {
        var members = [Int32: [UserID]]()
        for user in users {
            for value in values(user) { members[value, default: []].append(user) }
        }
        return members.keys.sorted().map { ("\($0)", members[$0] ?? []) }
    }

    private static func tertileBands(_ users: [UserID], value: (UserID) -> Double) -> [(String, [UserID])] {
        let sorted = users.map(value).sorted()
        guard !sorted.isEmpty else { return [] }
        let lower = Bootstrap.quantile(sorted, 1.0 / 3)
        let upper = Bootstrap.quantile(sorted, 2.0 / 3)
        var bands: [String: [UserID]] = ["low": [], "medium": [], "high": []]
        for user in users {
            let x = value(user)
            let band = x <= lower ? "low" : (x > upper ? "high" : "medium")
            bands[band, default: []].append(user)
        }
        return ["low", "medium", "high"].map { ($0, bands[$0] ?? []) }
    }
}

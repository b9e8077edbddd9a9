import Simulation

/// What a scenario's data offers the protocols beyond users, items and a log, checked
/// when the scenario is decoded so that a request the data cannot serve is an error at
/// its line.
struct DataTraits {
    /// Whether users have hidden archetypes (`segments: [archetype]`); only simulated
    /// worlds do.
    let hasArchetypes: Bool
    /// Whether items enter the catalog during the log (the partitions' new items).
    let introducesItems: Bool
    /// Whether interactions carry ratings (objectives that regress ratings need them).
    var hasRatings = true
}

extension DataTraits {
    /// The traits of a simulated world: archetypes always; new items when news articles
    /// are published or churn brings arrivals.
    init(world: WorldConfig) {
        let churnArrives = world.common.drift.contains {
            if case let .churn(churn) = $0 { return churn.arrivals > 0 }
            return false
        }
        let hasRatings: Bool
        switch world {
        case let .ecommerce(config): hasRatings = config.signal == .rating
        case let .video(config): hasRatings = config.signal == .watch
        case .news: hasRatings = false
        }
        self.init(
            hasArchetypes: world.common.archetypes > 0, introducesItems: world.family == .news || churnArrives,
            hasRatings: hasRatings)
    }
}

extension DataTraits {
    /// The traits of a real dataset: no archetypes (nobody knows users' hidden types); new
    /// items, introduced when the log first shows them (``ItemIntroduction/firstSeen(in:)``).
    static func realDataset(hasRatings: Bool) -> DataTraits {
        DataTraits(hasArchetypes: false, introducesItems: true, hasRatings: hasRatings)
    }
}

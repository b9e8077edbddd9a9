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
}

extension DataTraits {
    /// The traits of a simulated world: archetypes always; new items when news articles
    /// are published or churn brings arrivals.
    init(world: WorldConfig) {
        let churnArrives = world.common.drift.contains {
            if case let .churn(churn) = $0 { return churn.arrivals > 0 }
            return false
        }
        self.init(hasArchetypes: world.common.archetypes > 0, introducesItems: world.family == .news || churnArrives)
    }
}

extension DataTraits {
    /// The traits of a real dataset: no archetypes (nobody knows users' hidden types); new
    /// items, introduced when the log first shows them (``ItemIntroduction/firstSeen(in:)``).
    static let realDataset = DataTraits(hasArchetypes: false, introducesItems: true)
}

import Foundation
import RecData

/// The ground truth of a simulated world: what every user truly thinks of every item at
/// every moment, and how they would respond.
///
/// Only simulated worlds have one; evaluation uses it for oracle rankings, regret and
/// "share of oracle" figures. Preferences move with the world's drift (gradual walks,
/// sudden switches, and reinforcement by what the user consumed strictly before the
/// moment asked about); item utilities move with group drift, seasonal demand and news
/// freshness. The answers are the very values the log was generated with.
public struct Oracle: Sendable {
    let model: WorldModel
    /// Dataset interactions and log, kept when preferences depend on users' histories.
    private let history: (interactions: [Interaction], log: EventLog)?
    private let cache = PreferenceCache()

    init(model: WorldModel, history: (interactions: [Interaction], log: EventLog)?) {
        self.model = model
        self.history = history
    }

    /// Creates a static oracle from its latent factors: utility is the inner product
    /// scaled by `1/sqrt(dimension)` plus the item's quality, at every time. Item
    /// vectors are rounded to the world's 8-bit grid (``itemVectors`` gives the result).
    public init(userVectors: [Double], itemVectors: [Double], itemQuality: [Double], dimension: Int) {
        var catalog = Catalog(count: itemQuality.count, dimension: dimension)
        catalog.vectors = itemVectors.map(Float.init)
        catalog.staticBias = itemQuality.map(Float.init)
        catalog.popularity = Array(repeating: 1, count: itemQuality.count)
        catalog.group = Array(repeating: 0, count: itemQuality.count)
        catalog.quantize()
        let population = Population(baseVectors: userVectors.map(Float.init), dimension: dimension)
        model = WorldModel(
            family: .ecommerce, clock: WorldClock(days: 1), catalog: catalog, population: population,
            drift: DriftModel(),
            effects: .none, choice: ChoiceModel(config: CommonWorldConfig()),
            feedback: .ecommerce(EcommerceFeedback(config: EcommerceWorldConfig()))
        )
        history = nil
    }

    // MARK: - Shape

    /// The latent dimension.
    public var dimension: Int { model.catalog.dimension }
    /// The number of users.
    public var userCount: Int { model.population.count }
    /// The number of items.
    public var itemCount: Int { model.catalog.count }
    /// The world's clock.
    public var clock: WorldClock { model.clock }
    /// Users' preference vectors before any drift, `users × dimension`, row-major.
    public var userVectors: [Float] { model.population.baseVectors }
    /// Hidden item vectors, `items × dimension`, row-major.
    public var itemVectors: [Float] { model.catalog.vectors }

    // MARK: - Preferences and utility

    /// The hidden preference vector of `user` at `time`.
    public func preference(of user: UserID, at time: Int64) -> [Float] {
        let unmoved = time < model.drift.earliestUserChange && (time <= 0 || !model.drift.hasReinforcement)
        if !model.drift.movesUsers || unmoved {
            let dimension = model.population.dimension
            return Array(model.population.baseVectors[(user.index * dimension)..<((user.index + 1) * dimension)])
        }
        if let cached = cache.preference(user: user.index, time: time) { return cached }
        var track = UserTrack(user: user.index, population: model.population, drift: model.drift)
        if model.drift.hasReinforcement, let history {
            for entry in history.log.entries(of: user, interactions: history.interactions) {
                let event = history.log.choice(entry: entry, interactions: history.interactions)
                guard event.time < time else { break }
                track.advance(to: event.time)
                model.catalog.quantized.withUnsafeBufferPointer { vectors in
                    track.consume(quantized: vectors.baseAddress! + event.item.index * dimension, at: event.time)
                }
            }
        }
        track.advance(to: time)
        cache.store(track.preference, user: user.index, time: time)
        return track.preference
    }

    /// The true utility of `item` for `user` at `time`.
    public func utility(user: UserID, item: ItemID, at time: Int64) -> Double {
        Double(model.utility(preference: preference(of: user, at: time), item: item.index, at: time))
    }

    /// The true utilities of `items` for `user` at `time`, in the items' order.
    public func utilities(user: UserID, items: [ItemID], at time: Int64) -> [Double] {
        model.utilities(preference: preference(of: user, at: time), items: items, at: time)
    }

    // MARK: - Availability and rankings

    /// Whether `item` can be shown at `time` (news articles expire; churned items come and go).
    public func isAvailable(_ item: ItemID, at time: Int64) -> Bool {
        model.catalog.isAvailable(item.index, at: time)
    }

    /// Every item that can be shown at `time`.
    public func availableItems(at time: Int64) -> [ItemID] {
        var items = [ItemID]()
        items.reserveCapacity(itemCount)
        for index in 0..<itemCount where model.catalog.isAvailable(index, at: time) {
            items.append(ItemID(index: index))
        }
        return items
    }

    /// The oracle's ranking: the `count` candidates of highest true utility for `user` at
    /// `time`, best first (ties by item id). Candidates default to the items available then.
    public func ranking(user: UserID, at time: Int64, count: Int, candidates: [ItemID]? = nil) -> [ItemID] {
        let pool = candidates ?? availableItems(at: time)
        let scores = utilities(user: user, items: pool, at: time)
        let order = pool.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : pool[$0] < pool[$1] }
        return order.prefix(count).map { pool[$0] }
    }

    // MARK: - Behaviour

    /// The probabilities that `user`, shown `slate` (in position order) at `time`, picks
    /// each item, and that they pick nothing.
    public func choiceProbabilities(user: UserID, slate: [ItemID], at time: Int64) -> (items: [Double], none: Double) {
        model.choice.probabilities(utilities: utilities(user: user, items: slate, at: time))
    }

    /// The true feedback distribution of `user` on `item` at `time`.
    public func feedback(user: UserID, item: ItemID, at time: Int64) -> FeedbackDistribution {
        let utility = self.utility(user: user, item: item, at: time)
        let solo = model.choice.probabilities(utilities: [utility]).items[0]
        return model.feedback.distribution(item: item.index, utility: utility, soloChoice: solo)
    }
}

/// A small thread-safe cache of recent preference computations, so that asking for
/// many items of one user at one time computes the preference once.
private final class PreferenceCache: @unchecked Sendable {
    private struct Key: Hashable {
        let user: Int
        let time: Int64
    }

    private let lock = NSLock()
    private var entries = [Key: [Float]]()
    private let capacity = 4_096

    func preference(user: Int, time: Int64) -> [Float]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[Key(user: user, time: time)]
    }

    func store(_ preference: [Float], user: Int, time: Int64) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[Key(user: user, time: time)] = preference
    }
}

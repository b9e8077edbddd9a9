import Foundation
import Learning
import RecData

/// Builds meta-learning tasks from users' interactions: network inputs for the items and
/// targets for the model's ``ObjectiveSettings``.
///
/// Squared error regresses the ratings of consumed items. The ranking objectives pair each
/// positive with `negatives` items drawn by the sampler (uniform, or ∝ meta-train count^0.75)
/// from the task's own random stream, never an item of the user's known history: for a
/// meta-train user the whole training history, for an evaluated user the support set. With
/// `positives: threshold`, items rated below the threshold are negatives the user gave
/// (in the cross-entropy and BPR objectives) and are never drawn again.
public struct MetaTaskFactory: Sendable {
    /// The input encoder.
    public let encoder: FeatureEncoder
    /// The dataset's feedback kind.
    public let feedback: Feedback
    /// The objectives and how examples are built.
    public let objectives: ObjectiveSettings
    private let itemCount: Int
    /// Cumulative sampling weights (popularity sampler), and each item's log-probability.
    private let cumulative: [Double]
    private let logQ: [Float]

    /// Creates a factory; the popularity sampler counts `training`'s interactions.
    public init(
        encoder: FeatureEncoder, dataset: Dataset, objectives: ObjectiveSettings = ObjectiveSettings(),
        training: TrainingSet? = nil
    ) {
        self.encoder = encoder
        self.feedback = dataset.feedback
        self.objectives = objectives
        self.itemCount = dataset.itemCount
        var weights = [Double](repeating: 1, count: dataset.itemCount)
        if objectives.sampler == .popularity, let training {
            var counts = [Double](repeating: 0, count: dataset.itemCount)
            for interaction in training.interactions { counts[interaction.item.index] += 1 }
            weights = counts.map { pow($0 + 1, 0.75) }
        }
        let total = weights.reduce(0, +)
        var running = 0.0
        cumulative = weights.map {
            running += $0 / total
            return running
        }
        logQ = weights.map { Float(log($0 / total)) }
    }

    /// The rating at or above which a rated item is a positive under `positives: threshold`.
    var relevanceThreshold: Float {
        let scale = feedback.scale
        return scale.upperBound - (scale.upperBound - scale.lowerBound) / 4
    }

    // MARK: - Examples

    /// The inputs and objective for `user`'s `interactions` under `objective`; `known` are
    /// items that must not be drawn as negatives.
    public func labelled(
        user: UserID, interactions: [Interaction], known: Set<ItemID>, objective: TrainingObjective,
        random: inout RandomSource
    ) -> (FeatureBatch, Objective) {
        labelled(
            user: user, interactions: interactions, known: KnownItems(known, itemCount: itemCount),
            objective: objective, random: &random)
    }

    /// The labelled inputs of the public `labelled(user:interactions:known:objective:random:)`, with the
    /// known items as a mask.
    func labelled(
        user: UserID, interactions: [Interaction], known: KnownItems, objective: TrainingObjective,
        random: inout RandomSource
    ) -> (FeatureBatch, Objective) {
        let rated = feedback.hasRatings
        if objective == .mse && rated {
            return (
                encoder.batch(user: user, items: interactions.map(\.item)),
                .meanSquaredError(targets: interactions.map(\.value))
            )
        }
        let split = objectives.positives == .threshold && rated
        let positives = split ? interactions.filter { $0.value >= relevanceThreshold } : interactions
        let given = split ? interactions.filter { $0.value < relevanceThreshold }.map(\.item) : []
        let sampled = sample(objectives.negatives * positives.count, excluding: known, random: &random)
        let items = positives.map(\.item) + given + sampled
        let batch = encoder.batch(user: user, items: items)
        let labels =
            Array(repeating: Float(1), count: positives.count)
            + Array(repeating: Float(0), count: given.count + sampled.count)
        switch objective {
        case .mse, .bce:
            return (batch, .binaryCrossEntropyWithLogits(labels: labels))
        case .joint:
            let rows = interactions.map(\.item) + sampled
            let jointLabels =
                interactions.map { !split || $0.value >= relevanceThreshold ? Float(1) : 0 }
                + Array(repeating: Float(0), count: sampled.count)
            return (
                encoder.batch(user: user, items: rows),
                .joint(
                    targets: rated ? interactions.map(\.value) : [], labels: jointLabels,
                    weight: objectives.rankingWeight)
            )
        case .bpr:
            let firstSampled = positives.count + given.count
            var pairs = [PreferencePair]()
            for positive in positives.indices {
                for draw in 0..<objectives.negatives
                where firstSampled + positive * objectives.negatives + draw < items.count {
                    pairs.append(
                        PreferencePair(
                            positive: positive, negative: firstSampled + positive * objectives.negatives + draw))
                }
            }
            for (offset, _) in given.enumerated() where !positives.isEmpty {
                pairs.append(PreferencePair(positive: offset % positives.count, negative: positives.count + offset))
            }
            return (batch, .bayesianPersonalizedRanking(pairs: pairs))
        case .softmax:
            let firstSampled = positives.count + given.count
            let groups = positives.indices.map { positive in
                [positive]
                    + (0..<objectives.negatives).map { firstSampled + positive * objectives.negatives + $0 }.filter {
                        $0 < items.count
                    }
            }
            return (batch, .sampledSoftmax(groups: groups, logQ: items.map { logQ[$0.index] }))
        }
    }

    /// `count` items drawn by the sampler, none in `known`; none when `known` is the catalogue.
    private func sample(_ count: Int, excluding known: KnownItems, random: inout RandomSource) -> [ItemID] {
        guard known.count < itemCount else { return [] }
        var drawn = [ItemID]()
        drawn.reserveCapacity(count)
        while drawn.count < count {
            let candidate = draw(&random)
            if !known.contains(candidate) { drawn.append(candidate) }
        }
        return drawn
    }

    private func draw(_ random: inout RandomSource) -> ItemID {
        guard objectives.sampler == .popularity else { return ItemID(index: random.nextIndex(below: itemCount)) }
        let unit = random.nextUnit()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < unit { low = middle + 1 } else { high = middle }
        }
        return ItemID(index: low)
    }

    // MARK: - Tasks

    /// A task from a user's support and query interactions; `known` (default: the support
    /// and query items) are never drawn as negatives.
    public func task(
        user: UserID, support: [Interaction], query: [Interaction], known: Set<ItemID>? = nil, random: RandomSource
    ) -> MetaTask {
        let excluded =
            known.map { KnownItems($0, itemCount: itemCount) }
            ?? KnownItems((support + query).lazy.map(\.item), itemCount: itemCount)
        return task(user: user, support: support, query: query, known: excluded, random: random)
    }

    /// The task of the public `task(user:support:query:known:random:)`, with the known items as a mask.
    func task(
        user: UserID, support: [Interaction], query: [Interaction], known excluded: KnownItems, random: RandomSource
    ) -> MetaTask {
        var generator = random
        let (supportBatch, supportObjective) = labelled(
            user: user, interactions: support, known: excluded, objective: objectives.support, random: &generator)
        let (queryBatch, queryObjective) = labelled(
            user: user, interactions: query, known: excluded, objective: objectives.objective, random: &generator)
        return MetaTask(
            support: supportBatch, supportObjective: supportObjective, query: queryBatch, queryObjective: queryObjective
        )
    }

    /// One epoch of training tasks, in a seeded random user order: each user's history is
    /// shuffled (or kept in time order when the protocol's supports are chronological,
    /// ``TrainingSet/chronologicalSupport``), a support set of random size in
    /// `1...supportSize` — or, with probability `settings.zeroShotShare`, none (the
    /// protocol's K = 0) — comes first, and the next `querySize` (at most half the history)
    /// form the query. Negatives avoid the user's whole training history.
    public func trainingTasks(_ training: TrainingSet, settings: MetaLearnerSettings, random: RandomSource)
        -> [MetaTask]
    {
        var order = Array(training.users.indices)
        var shuffler = random.stream("order")
        shuffler.shuffle(&order)
        return order.compactMap { position in
            let user = training.users[position]
            var generator = random.stream(UInt64(user.rawValue))
            var history = training.histories[position]
            guard history.count >= 2 else { return nil }
            let known = KnownItems(history.lazy.map(\.item), itemCount: itemCount)
            if !training.chronologicalSupport { generator.shuffle(&history) }
            let querySize = min(settings.querySize, history.count / 2)
            let supportLimit = min(settings.supportSize, history.count - querySize)
            var supportSize = 1 + generator.nextIndex(below: supportLimit)
            if settings.zeroShotShare > 0, generator.nextUnit() < settings.zeroShotShare { supportSize = 0 }
            return task(
                user: user, support: Array(history.prefix(supportSize)),
                query: Array(history[supportSize..<(supportSize + querySize)]), known: known,
                random: generator.stream("negatives")
            )
        }
    }
}

import Learning
import RecData

/// Builds meta-learning tasks from users' interactions: network inputs for the items and
/// targets for the dataset's feedback.
///
/// Ratings are regressed with mean squared error. Implicit feedback is classified with
/// binary cross-entropy, each positive paired with one item the user never interacted
/// with, drawn from the task's own random stream.
public struct MetaTaskFactory: Sendable {
    /// The input encoder.
    public let encoder: FeatureEncoder
    /// The dataset's feedback kind.
    public let feedback: Feedback
    private let itemCount: Int

    /// Creates a factory.
    public init(encoder: FeatureEncoder, dataset: Dataset) {
        self.encoder = encoder
        self.feedback = dataset.feedback
        self.itemCount = dataset.itemCount
    }

    /// The inputs and objective for `user`'s `interactions`; `known` are items that must not
    /// be drawn as negatives.
    public func labelled(user: UserID, interactions: [Interaction], known: Set<ItemID>, random: inout RandomSource) -> (FeatureBatch, Objective) {
        let items = interactions.map(\.item)
        guard !feedback.hasRatings else {
            return (encoder.batch(user: user, items: items), .meanSquaredError(targets: interactions.map(\.value)))
        }
        var negatives = [ItemID]()
        if known.count < itemCount {
            for _ in items {
                var candidate = ItemID(index: random.nextIndex(below: itemCount))
                while known.contains(candidate) { candidate = ItemID(index: random.nextIndex(below: itemCount)) }
                negatives.append(candidate)
            }
        }
        let labels = Array(repeating: Float(1), count: items.count) + Array(repeating: Float(0), count: negatives.count)
        return (encoder.batch(user: user, items: items + negatives), .binaryCrossEntropyWithLogits(labels: labels))
    }

    /// A task from a user's support and query interactions.
    public func task(user: UserID, support: [Interaction], query: [Interaction], random: RandomSource) -> MetaTask {
        var generator = random
        let known = Set((support + query).map(\.item))
        let (supportBatch, supportObjective) = labelled(user: user, interactions: support, known: known, random: &generator)
        let (queryBatch, queryObjective) = labelled(user: user, interactions: query, known: known, random: &generator)
        return MetaTask(support: supportBatch, supportObjective: supportObjective, query: queryBatch, queryObjective: queryObjective)
    }

    // MARK: - Training tasks

    /// One epoch of training tasks, in a seeded random user order: each user's history is
    /// shuffled, the last `querySize` (at most half the history) form the query, and a
    /// support set of random size in `1...supportSize` precedes it.
    public func trainingTasks(_ training: TrainingSet, settings: MetaLearnerSettings, random: RandomSource) -> [MetaTask] {
        var order = Array(training.users.indices)
        var shuffler = random.stream("order")
        shuffler.shuffle(&order)
        return order.compactMap { position in
            let user = training.users[position]
            var generator = random.stream(UInt64(user.rawValue))
            var history = training.histories[position]
            guard history.count >= 2 else { return nil }
            generator.shuffle(&history)
            let querySize = min(settings.querySize, history.count / 2)
            let supportLimit = min(settings.supportSize, history.count - querySize)
            let supportSize = 1 + generator.nextIndex(below: supportLimit)
            return task(
                user: user, support: Array(history.prefix(supportSize)),
                query: Array(history[supportSize..<(supportSize + querySize)]), random: generator.stream("negatives")
            )
        }
    }
}

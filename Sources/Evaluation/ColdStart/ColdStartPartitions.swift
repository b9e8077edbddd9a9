import RecData
import Recommenders

/// MeLU's four partitions on one dataset (Lee et al., KDD 2019, §5.1): existing or new
/// users × existing or new items, cut at one moment in time.
///
/// **Items.** An item is new when it was introduced (``ItemIntroduction``) at or after
/// the cut-off, existing otherwise. Each partition ranks the full catalog of its own item
/// kind, less the support items, and takes relevance from its query interactions with
/// that kind.
///
/// **Training.** Models fit on the meta-train users' interactions before the cut-off with
/// existing items, and tune on validation tasks cut the same way: nothing that happened
/// after the cut-off, no new item and no test user reaches `fit`.
///
/// **Users and tasks at support size K.**
/// - New users (the split's test users) are served as in the plain protocol: the query set
///   is their history after the largest K, restricted to the partition's item kind, the
///   same at every K; the support set is K of the block before it (`SupportSelection`).
/// - Existing users (the meta-train users) are measured on their future: the support set
///   is the last K of their training interactions (K random ones of the last largest-K
///   under random support order), the query set their interactions after the cut-off with
///   the partition's kind.
///
/// A user is evaluated in a partition when they have at least the largest K support
/// interactions and ``PartitionConfig/minimumQuery`` query interactions at the largest K,
/// so every K is measured on the same users.
public struct ColdStartPartitions: Sendable {
    /// The cut-off time.
    public let cutoff: Int64
    /// Items introduced before the cut-off, ascending.
    public let existingItems: [ItemID]
    /// Items introduced at or after the cut-off, ascending.
    public let newItems: [ItemID]
    /// What models fit on: the meta-train users' interactions before the cut-off with existing items.
    public let training: TrainingSet
    /// Validation users' tasks at the largest K, from their interactions before the cut-off
    /// with existing items.
    public let validationTasks: [UserTask]
    /// The users evaluated in each partition, ascending.
    public let evaluatedUsers: [Partition: [UserID]]

    private let histories: CutHistories

    /// Cuts `dataset` at `config`'s cut-off.
    ///
    /// - Parameters:
    ///   - split: the user split of the plain protocol.
    ///   - chronological: each user's history in time order, indexed by user.
    ///   - selection: how support sets are drawn.
    ///   - introduction: when each item was introduced.
    ///   - largestShots: the largest K of the sweep.
    ///   - validationQuery: fewest query interactions of a validation task (`min_query`).
    init(
        dataset: Dataset, config: PartitionConfig, split: UserSplit, chronological: [[Interaction]],
        selection: SupportSelection,
        introduction: ItemIntroduction, largestShots: Int, validationQuery: Int
    ) {
        let cutoff = config.cutoff(
            first: dataset.interactions.first?.time ?? 0, last: dataset.interactions.last?.time ?? 0)
        let isNew = dataset.allItems.map { introduction.isNew($0, at: cutoff) }
        let histories = CutHistories(
            cutoff: cutoff, isNew: isNew, chronological: chronological, selection: selection, largestShots: largestShots
        )
        self.cutoff = cutoff
        self.histories = histories
        self.existingItems = dataset.allItems.filter { !isNew[$0.index] }
        self.newItems = dataset.allItems.filter { isNew[$0.index] }
        self.training = TrainingSet(
            dataset: dataset, users: split.train,
            histories: split.train.map { chronological[$0.index].filter(histories.isKnown) }
        )
        self.validationTasks = split.validation
            .filter { histories.known[$0.index].count >= largestShots + validationQuery }
            .map { user in
                let known = histories.known[user.index]
                return UserTask(
                    user: user,
                    support: selection.support(largestShots, of: Array(known.prefix(largestShots)), user: user),
                    query: Array(known.dropFirst(largestShots))
                )
            }
        var evaluated = [Partition: [UserID]]()
        for partition in Partition.allCases {
            let candidates =
                partition.newUsers
                ? split.test.filter { chronological[$0.index].count >= largestShots }
                : split.train.filter { histories.known[$0.index].count >= largestShots }
            evaluated[partition] = candidates.filter {
                histories.task(partition, user: $0, shots: largestShots).query.count >= config.minimumQuery
            }
        }
        self.evaluatedUsers = evaluated
    }

    /// The tasks of `partition`'s evaluated users at support size `shots`.
    public func tasks(_ partition: Partition, shots: Int) -> [UserTask] {
        (evaluatedUsers[partition] ?? []).map { histories.task(partition, user: $0, shots: shots) }
    }

    /// The items `partition` ranks: the existing or the new ones.
    public func catalog(_ partition: Partition) -> [ItemID] {
        partition.newItems ? newItems : existingItems
    }
}

/// The users' histories cut at the partitions' cut-off, and the tasks built from them.
private struct CutHistories: Sendable {
    let cutoff: Int64
    /// Per item, whether it is new at the cut-off.
    let isNew: [Bool]
    /// Each user's history in time order.
    let chronological: [[Interaction]]
    /// Each user's interactions before the cut-off with existing items, in time order.
    let known: [[Interaction]]
    let selection: SupportSelection
    /// Where a new user's history is cut into support block and query.
    let largestShots: Int

    init(cutoff: Int64, isNew: [Bool], chronological: [[Interaction]], selection: SupportSelection, largestShots: Int) {
        self.cutoff = cutoff
        self.isNew = isNew
        self.chronological = chronological
        self.selection = selection
        self.largestShots = largestShots
        self.known = chronological.map { $0.filter { Self.isKnown($0, cutoff: cutoff, isNew: isNew) } }
    }

    /// Whether `interaction` happened before the cut-off with an existing item.
    func isKnown(_ interaction: Interaction) -> Bool {
        Self.isKnown(interaction, cutoff: cutoff, isNew: isNew)
    }

    private static func isKnown(_ interaction: Interaction, cutoff: Int64, isNew: [Bool]) -> Bool {
        interaction.time < cutoff && !isNew[interaction.item.index]
    }

    /// `user`'s task in `partition` at support size `shots`: a new user's K of their first
    /// block and what follows the block, of the partition's kind; an existing user's K of
    /// their last known block and their later interactions of the partition's kind.
    func task(_ partition: Partition, user: UserID, shots: Int) -> UserTask {
        let ofKind = { (interaction: Interaction) in isNew[interaction.item.index] == partition.newItems }
        let history = chronological[user.index]
        if partition.newUsers {
            return UserTask(
                user: user, support: selection.support(shots, of: Array(history.prefix(largestShots)), user: user),
                query: history.dropFirst(largestShots).filter(ofKind)
            )
        }
        return UserTask(
            user: user,
            support: selection.support(
                shots, of: Array(known[user.index].suffix(largestShots)), user: user, fromEnd: true),
            query: history.filter { $0.time >= cutoff && ofKind($0) }
        )
    }
}

/// A dataset read from files, with what the import dropped on the way.
public struct ImportedDataset: Sendable {
    /// The dataset.
    public var dataset: Dataset
    /// Interactions dropped because they name a user or item no table lists
    /// (``UnknownIDPolicy/skip``).
    public var skippedInteractions: Int
    /// Users dropped by the activity filter, and their interactions.
    public var filteredUsers = 0
    /// Interactions of the users the activity filter dropped.
    public var filteredInteractions = 0

    /// Creates the result of an import.
    public init(dataset: Dataset, skippedInteractions: Int) {
        self.dataset = dataset
        self.skippedInteractions = skippedInteractions
    }

    /// Keeps the users whose number of interactions lies in `activity`, numbered densely in
    /// their former order, with their feature rows; items are kept whole (the catalog).
    public func keepingUsers(withActivity activity: ClosedRange<Int>) -> ImportedDataset {
        var counts = [Int](repeating: 0, count: dataset.userCount)
        for interaction in dataset.interactions { counts[interaction.user.index] += 1 }
        let kept = counts.indices.filter { activity.contains(counts[$0]) }
        var newIndex = [Int](repeating: -1, count: dataset.userCount)
        for (index, user) in kept.enumerated() { newIndex[user] = index }
        let interactions = dataset.interactions.compactMap { interaction -> Interaction? in
            let index = newIndex[interaction.user.index]
            guard index >= 0 else { return nil }
            var moved = interaction
            moved.user = UserID(index: index)
            return moved
        }
        var result = ImportedDataset(
            dataset: Dataset(
                name: dataset.name, users: dataset.users.selecting(rows: kept), items: dataset.items,
                interactions: interactions, feedback: dataset.feedback
            ),
            skippedInteractions: skippedInteractions
        )
        result.filteredUsers = filteredUsers + dataset.userCount - kept.count
        result.filteredInteractions = filteredInteractions + dataset.interactions.count - interactions.count
        return result
    }
}

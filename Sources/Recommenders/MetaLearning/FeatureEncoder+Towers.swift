import Learning
import RecData

// MARK: - Inputs of a two-tower model

extension FeatureEncoder {
    /// The item tower's fields: the item features, then the item id when embedded.
    var itemFields: [InputField] { Array(fields[userFieldCount...]) }

    /// The user tower's fields: the user features.
    var userFields: [InputField] { Array(fields.prefix(userFieldCount)) }

    /// The item columns of a batch of (user, item) rows.
    func itemInputs(_ batch: FeatureBatch) -> FeatureBatch {
        FeatureBatch(rows: batch.rows, columns: Array(batch.columns[userFieldCount...]))
    }

    /// The user tower's one-row input for `user`.
    func userInputs(_ user: UserID) -> FeatureBatch {
        userRow(batch(user: user, items: [ItemID(index: 0)]))
    }

    /// The user tower's one-row input from the first row of a batch of one user's rows.
    func userRow(_ batch: FeatureBatch) -> FeatureBatch {
        FeatureBatch(
            rows: 1,
            columns: batch.columns.prefix(userFieldCount).map { column in
                switch column {
                case let .codes(codes): return .codes([codes[0]])
                case let .lists(lists): return .lists(CodeLists([Array(lists.codes(of: 0))]))
                case let .dense(values):
                    return .dense(
                        Matrix(rows: 1, columns: values.columns, storage: Array(values.storage.prefix(values.columns))))
                }
            })
    }

    /// The item tower's input for every item of the catalogue, in id order.
    func catalogueInputs(_ dataset: Dataset) -> FeatureBatch {
        itemInputs(batch(user: UserID(index: 0), items: dataset.allItems))
    }

    /// A two-tower task from a meta-learning task on one user's rows (its query has rows).
    func twoTowerTask(_ task: MetaTask) -> TwoTowerTask {
        TwoTowerTask(
            user: userRow(task.query), support: itemInputs(task.support), supportObjective: task.supportObjective,
            query: itemInputs(task.query), queryObjective: task.queryObjective
        )
    }
}

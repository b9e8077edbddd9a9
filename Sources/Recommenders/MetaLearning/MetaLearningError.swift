/// Why a meta-learner stopped.
public enum MetaLearningError: Error, Equatable, CustomStringConvertible {
    /// The meta-training loss or the parameters became NaN or infinite.
    case diverged(model: String, epoch: Int, step: Int, loss: Double)
    /// No meta-train user has enough interactions to form a task.
    case noTrainingTasks(model: String, needed: Int)
    /// The model was asked to adapt before it was fitted.
    case notFitted(model: String)
    /// A two-tower model has nothing to build item representations from: no item features
    /// and item-id embeddings off.
    case noItemInputs(model: String)

    public var description: String {
        switch self {
        case let .diverged(model, epoch, step, loss):
            return
                "\(model) diverged in epoch \(epoch), meta-step \(step): loss \(loss); lower the learning rates or the clipping norm"
        case let .noTrainingTasks(model, needed):
            return "\(model) found no meta-train user with at least \(needed) interactions to build a task"
        case let .notFitted(model):
            return "\(model) must be fitted before it can adapt to a user"
        case let .noItemInputs(model):
            return
                "\(model) has no item inputs: the items have no features and item_id_embedding is false; set item_id_embedding: true"
        }
    }
}

import Learning

/// Hyper-parameters shared by the gradient-based meta-learners.
public struct MetaLearnerSettings: Hashable, Sendable {
    /// Width of each categorical feature's embedding.
    public var embeddingDimension = 32
    /// Widths of the hidden ReLU layers.
    public var hiddenWidths = [64, 64]
    /// Whether items also get a learned id embedding (beside their features).
    public var itemIDEmbedding = false
    /// Gradient steps per task in the inner loop (and when adapting to a user).
    public var innerSteps = 1
    /// Inner-loop learning rate (initial rates for Meta-SGD are set separately).
    public var innerLearningRate: Float = 0.01
    /// Outer-loop (Adam) learning rate.
    public var metaLearningRate: Float = 0.001
    /// Tasks per meta-update.
    public var metaBatchSize = 32
    /// Passes over the meta-train users.
    public var epochs = 30
    /// Epochs without validation improvement before stopping early.
    public var patience = 3
    /// Largest support set of a training task (each task draws its size in `1...supportSize`).
    public var supportSize = 20
    /// Query-set size of a training task.
    public var querySize = 10
    /// Bound on the meta-gradient's norm; 0 disables clipping.
    public var clipNorm: Double = 10
    /// Outer-loop weight decay (L2, added to the gradient).
    public var weightDecay: Float = 0
    /// Threads that share the tasks of a meta-batch.
    public var workers = 1
    /// The objectives and how their examples are built.
    public var objectives = ObjectiveSettings()
    /// Share of training tasks without a support set (the protocol's K = 0).
    public var zeroShotShare = 0.1
    /// Meta-updates from served feedback after fitting.
    public var metaUpdate = MetaUpdate.none

    /// Creates the defaults (those of MeLU, Lee et al. KDD 2019, for the architecture).
    public init() {}
}

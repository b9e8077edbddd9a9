/// Settings of a model that trains a feature network with early stopping: its shape and how
/// long it trains. The network baselines and the meta-learners share these scenario keys.
protocol NetworkShapeSettings {
    /// Width of each categorical feature's embedding.
    var embeddingDimension: Int { get set }
    /// Widths of the hidden ReLU layers.
    var hiddenWidths: [Int] { get set }
    /// Whether item ids are embedded beside item features.
    var itemIDEmbedding: Bool { get set }
    /// Most passes over the training users.
    var epochs: Int { get set }
    /// Epochs without validation improvement before stopping.
    var patience: Int { get set }
}

extension MetaLearnerSettings: NetworkShapeSettings {}
extension NetworkBaselineSettings: NetworkShapeSettings {}

/// The scenario-file parameters of a feature network's shape and training length, with their
/// translation into any ``NetworkShapeSettings``: one owner for the keys the network
/// baselines and the meta-learners share.
enum NetworkParameters {
    /// The shape's specifications (`embedding_dim`, `hidden_layers`, `hidden_width`,
    /// `item_id_embedding`) whose defaults are `defaults`.
    static func shapeSpecs(defaults: some NetworkShapeSettings) -> [ParameterSpec] {
        [
            ParameterSpec(
                name: "embedding_dim", kind: .int(1...512), defaultValue: .int(defaults.embeddingDimension),
                summary: "Width of each categorical feature's embedding."),
            ParameterSpec(
                name: "hidden_layers", kind: .int(1...8), defaultValue: .int(defaults.hiddenWidths.count),
                summary: "Number of hidden ReLU layers."),
            ParameterSpec(
                name: "hidden_width", kind: .int(1...4_096), defaultValue: .int(defaults.hiddenWidths.first ?? 64),
                summary: "Width of each hidden layer."),
            ParameterSpec(
                name: "item_id_embedding", kind: .bool, defaultValue: .bool(defaults.itemIDEmbedding),
                summary:
                    "Also embed item ids, beside item features: helps when items are many times in meta-train and their features describe them poorly; off by default because new and rare items' ids stay untrained while features generalize (MeLU, Lee et al. KDD 2019, uses features only)."
            ),
        ]
    }

    /// The training length's specifications (`epochs`, `patience`) whose defaults are `defaults`.
    static func trainingLengthSpecs(defaults: some NetworkShapeSettings) -> [ParameterSpec] {
        [
            ParameterSpec(
                name: "epochs", kind: .int(1...10_000), defaultValue: .int(defaults.epochs),
                summary: "Most passes over the meta-train users."),
            ParameterSpec(
                name: "patience", kind: .int(1...1_000), defaultValue: .int(defaults.patience),
                summary: "Epochs without validation improvement before stopping."),
        ]
    }

    /// Sets the shape and training length `parameters` give, keeping `settings`' values for
    /// the keys they leave out.
    static func apply(_ parameters: ModelParameters, to settings: inout some NetworkShapeSettings) {
        settings.embeddingDimension = parameters.int("embedding_dim") ?? settings.embeddingDimension
        let width = parameters.int("hidden_width") ?? settings.hiddenWidths.first ?? 64
        settings.hiddenWidths = Array(
            repeating: width, count: parameters.int("hidden_layers") ?? settings.hiddenWidths.count)
        settings.itemIDEmbedding = parameters.bool("item_id_embedding") ?? settings.itemIDEmbedding
        settings.epochs = parameters.int("epochs") ?? settings.epochs
        settings.patience = parameters.int("patience") ?? settings.patience
    }
}

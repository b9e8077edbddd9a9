extension ModelRegistry {
    /// The meta-learned models, in listing order.
    static let metaLearnerDescriptors: [ModelDescriptor] = []
}

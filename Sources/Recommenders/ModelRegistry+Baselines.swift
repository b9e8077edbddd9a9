extension ModelRegistry {
    /// The baseline models, in listing order.
    static let baselineDescriptors: [ModelDescriptor] = [
        RandomRecommender.descriptor,
        PopularityRecommender.descriptor,
    ]
}

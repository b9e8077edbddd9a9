extension ModelRegistry {
    /// The meta-learned models, in listing order.
    static let metaLearnerDescriptors: [ModelDescriptor] = [
        MAML.descriptor,
        MAML.firstOrderDescriptor,
        Reptile.descriptor,
        MetaSGD.descriptor,
        MeLU.descriptor,
        AdapterMetaLearner.descriptor,
        IMAML.descriptor,
        BayesianHead.descriptor,
        MetaTwoTower.descriptor,
    ]
}

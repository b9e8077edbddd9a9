import Reporting

extension ScenarioSpec {
    /// The model entries that vary an earlier entry of the same registered model: each
    /// against the first listed entry of its model, with the parameters and `retrain_every`
    /// that differ, as the file would write them. An entry equal in both to its first is
    /// not a variant (it differs in label or protocols only).
    public var variants: [ModelVariant] {
        var first = [String: ModelSpec]()
        var variants = [ModelVariant]()
        for model in models {
            guard let base = first[model.descriptor.name] else {
                first[model.descriptor.name] = model
                continue
            }
            let names = Set(model.parameters.values.keys).union(base.parameters.values.keys).sorted()
            var changes = names.compactMap { name -> String? in
                let value = model.parameters.values[name]
                guard value != base.parameters.values[name] else { return nil }
                return "\(name): \(value.map(\.description) ?? "none")"
            }
            let refits = { (entry: ModelSpec) in entry.retrainEvery ?? drift?.retrainEvery ?? 0 }
            if refits(model) != refits(base) { changes.append("retrain_every: \(refits(model))") }
            guard !changes.isEmpty else { continue }
            variants.append(
                ModelVariant(model: model.label, base: base.label, change: changes.joined(separator: ", ")))
        }
        return variants
    }
}

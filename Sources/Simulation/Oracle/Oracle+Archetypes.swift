import RecData

extension Oracle {
    /// Each user's dominant archetype, indexed by user: the archetype of largest weight in
    /// their preference mixture at the start of the clock (drift may move it later). The
    /// weights are the softmax of the user's archetype logits, so this is the logits'
    /// argmax (ties to the lower index). `nil` for an oracle built from given factors,
    /// which has no archetypes.
    public func dominantArchetypes() -> [Int]? {
        let population = model.population
        guard population.archetypeCount > 0 else { return nil }
        return (0..<population.count).map { user in
            let logits = population.profile(of: user).logits
            return logits.indices.max { logits[$0] < logits[$1] } ?? 0
        }
    }
}

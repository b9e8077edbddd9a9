/// A personalized model that one adaptation can serve several evaluations with, exactly as
/// separately adapted copies would serve them.
///
/// Conforming is a promise about the model that adapted it: adapting is repeatable (the
/// same support set and user give the same state, bit for bit, whenever and however often
/// `adapt` is called), and ``unscoredCopy()`` gives the state as adaptation left it, so its
/// scores and rating predictions are those of a fresh adaptation to the last bit. The
/// cold-start protocol then adapts a user of MeLU's partitions once for both item kinds
/// they are ranked on (`ColdStartProtocol`). A model whose adaptation draws from a
/// shared source, or talks to another process, does not conform; its users are adapted
/// once per evaluation.
public protocol ReusablePersonalized: Personalized {
    /// This user without what scoring has computed and kept (a catalogue's outputs): a
    /// copy that computes its scores as it did before it first scored.
    func unscoredCopy() -> Self
}

extension AdaptedUser: ReusablePersonalized {
    /// The adapted parameters with an empty catalogue cache: a first scoring of a few
    /// items scores them on their own, as a freshly adapted user does, instead of reading
    /// them from a catalogue computed for another evaluation. The model-wide caches (the
    /// catalogue's first-layer rows, the outputs of users adapted to nothing) are kept:
    /// they hold the same values whoever computes them.
    public func unscoredCopy() -> AdaptedUser {
        var copy = self
        copy.resetCatalog()
        return copy
    }
}

extension BayesianHeadUser: ReusablePersonalized {
    /// The posterior with an empty catalogue cache (the model's per-profile
    /// representations are kept: they hold the same values whoever computes them).
    public func unscoredCopy() -> BayesianHeadUser {
        var copy = self
        copy.resetCatalog()
        return copy
    }
}

extension TwoTowerUser: ReusablePersonalized {
    /// The user itself: its scores are one product of its state with the model's
    /// catalogue, and it keeps nothing from scoring.
    public func unscoredCopy() -> TwoTowerUser { self }
}

import RecData

/// A model whose user adapted to no interactions depends on the user's features alone, and
/// that can say which users share them: users with one profile key, adapted to an empty
/// support set, get the same scores and rating predictions for any items, bit for bit.
///
/// The cold-start protocol then adapts one user per profile at K = 0 and serves the other
/// users of the profile from that adaptation, when it is ``ReusablePersonalized``. A model
/// that reads a user's id, own history or per-user random stream when adapted to nothing
/// (a Thompson-sampling head draws its weights from a stream of the user) gives `nil`.
public protocol EmptySupportProfiles {
    /// The key of `user`'s features as the model reads them when adapted to nothing;
    /// `nil` when the model cannot promise that users with equal keys are served alike
    /// (or before fitting).
    func emptySupportProfile(of user: UserID) -> [UInt32]?
}

extension MetaLearner: EmptySupportProfiles {
    /// The user's features as the network's inputs encode them (`FeatureEncoder.profile(of:)`):
    /// adapted to nothing, the network keeps the fitted parameters (or adapts them on an
    /// empty batch, the same for every user), and a Bayesian head keeps its prior; `nil`
    /// for a head that explores by Thompson sampling, whose draws follow the user.
    public func emptySupportProfile(of user: UserID) -> [UInt32]? {
        if case .bayesianHead(exploration: .thompson) = algorithm { return nil }
        return trained?.factory.encoder.profile(of: user)
    }
}

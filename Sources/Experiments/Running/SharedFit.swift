import Evaluation
import RecData
import Recommenders

/// The one fit a cell makes on the cold-start protocol's meta-train users for every protocol
/// of its world that would fit the same model: the owner of the decision which fit serves
/// which protocol.
///
/// - **Transfer** takes it when its source population fits the model cold start fits
///   (`ColdStartProtocol.fitsLike(_:)`).
/// - **Onboarding** takes it when its split fractions are the cold-start protocol's: the
///   onboarding protocol is then made with the cold-start protocol's user split
///   (``onboardingSplit``), so both evaluate the same test users on one trained model.
///
/// The fit draws from the cell's stream as `ColdStartProtocol.fit(_:random:)` does, whether
/// or not the model runs cold start itself: an entry restricted to onboarding fits exactly as
/// cold start would. Drift fits its own model (on the log before its warm-up ends), and the
/// cold-start protocol's MeLU partitions fit theirs on the data before the cut-off.
struct SharedFit: Sendable {
    /// The cold-start protocol whose fit is shared.
    let coldStart: ColdStartProtocol
    /// The protocols besides cold start that take its fitted model instead of fitting their own.
    let protocols: Set<ScenarioProtocol>

    /// The sharing in a world with `coldStart`, the onboarding protocol's settings `onboarding`
    /// and the transfer protocol `transfer` (each `nil` when the scenario does not run it).
    init(coldStart: ColdStartProtocol, onboarding: OnboardingConfig?, transfer: TransferProtocol?) {
        self.coldStart = coldStart
        var protocols = Set<ScenarioProtocol>()
        if transfer?.source.fitsLike(coldStart) == true { protocols.insert(.transfer) }
        if onboarding?.split == coldStart.config.split { protocols.insert(.onboarding) }
        self.protocols = protocols
    }

    /// The user split the onboarding protocol is made with: the cold-start protocol's when it
    /// shares the fit, `nil` (it draws its own) otherwise.
    var onboardingSplit: UserSplit? {
        protocols.contains(.onboarding) ? coldStart.split : nil
    }

    /// `recommender`, the model of `entry`, fitted once by the cold-start protocol with
    /// `random`, keyed by each protocol the entry runs that takes it (cold start among them
    /// when the entry runs it); empty when the entry runs none of the protocols sharing the
    /// fit, each protocol then fitting its own.
    /// - Throws: the model's errors.
    func fits(of recommender: any Recommender, for entry: ModelSpec, random: RandomSource) throws
        -> [ScenarioProtocol: ColdStartProtocol.Fit]
    {
        let served = protocols.filter(entry.runs)
        guard !served.isEmpty else { return [:] }
        let fit = try coldStart.fit(recommender, random: random)
        let taking = entry.runs(.coldStart) ? served.union([.coldStart]) : served
        return Dictionary(uniqueKeysWithValues: taking.map { ($0, fit) })
    }
}

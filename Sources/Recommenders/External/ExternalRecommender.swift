import RecData

/// A model that runs in another process, in any language, and speaks the toolkit's
/// process protocol (newline-delimited JSON over its stdin and stdout;
/// `docs/process-protocol.md`).
///
/// `fit` starts the process and streams it the training data; `adapt` sends a user's
/// support set and asks for the scores of the whole catalogue, from which the protocol
/// ranks its candidates. Any fault of the process (a crash, a hang past the timeout,
/// garbage, a wrong number of scores, NaN, an unknown answer) ends the cell with an
/// ``ExternalModelError`` and kills the process; other cells go on.
public struct ExternalRecommender: Recommender {
    public let name: String
    /// How the process is started.
    public let config: ExternalModelConfig
    /// Passed to the process in `hello`.
    public let parameters: ModelParameters
    /// Passed to the process in `hello` (its low 53 bits), for its own randomness.
    public let seed: UInt64
    private var session: ExternalSession?

    /// Creates the model; no process starts until `fit`.
    public init(
        name: String, config: ExternalModelConfig, parameters: ModelParameters = ModelParameters(), seed: UInt64
    ) {
        self.name = name
        self.config = config
        self.parameters = parameters
        self.seed = seed
    }

    /// A registry entry for an external model. Its `fingerprint` should change whenever
    /// the model's code does (the scenario decoder hashes the command and the files it
    /// names), so that cached results of the old code are not reused.
    public static func descriptor(name: String, config: ExternalModelConfig, fingerprint: String) -> ModelDescriptor {
        ModelDescriptor(
            name: name, summary: "External model: \(config.commandLine)", parameters: [], fingerprint: fingerprint
        ) { parameters, seed in
            ExternalRecommender(name: name, config: config, parameters: parameters, seed: seed)
        }
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        session = nil
        let started = try ExternalSession(
            model: name, config: config, seed: seed, parameters: parameters, dataset: training.dataset)
        try started.fit(training, validation: validation)
        session = started
    }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        guard let session else {
            throw ExternalModelError(model: name, command: config.commandLine, fault: .notFitted)
        }
        let (adaptation, scores) = try session.adapt(user: user, support: support)
        return ExternalPersonalized(session: session, adaptation: adaptation, scores: scores)
    }
}

/// An external model personalized for one user: the scores of the whole catalogue, asked
/// for once per adaptation and again after each `observe`.
struct ExternalPersonalized: Personalized {
    private let session: ExternalSession
    private var adaptation: ExternalAdaptation
    private var catalogueScores: [Float]

    init(session: ExternalSession, adaptation: ExternalAdaptation, scores: [Float]) {
        self.session = session
        self.adaptation = adaptation
        self.catalogueScores = scores
    }

    func scores(for candidates: [ItemID]) -> [Float] {
        candidates.map { catalogueScores[$0.index] }
    }

    func predictedRatings(for items: [ItemID]) -> [Float]? {
        session.predictsRatings ? scores(for: items) : nil
    }

    mutating func observe(_ feedback: [Interaction]) throws {
        catalogueScores = try session.observe(feedback, for: &adaptation)
    }
}

/// One family of Holm's correction: the tests of one scenario and protocol at its headline K.
public struct HolmFamily: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: String
    /// The protocol.
    public var protocolName: String
    /// The support size K the tests are at.
    public var shots: Int?
    /// Pooled tests in the verdicts' family: models other than the reference × metrics.
    public var verdictTests: Int
    /// Per-seed tests in the paired-comparison family: models × metrics × seeds.
    public var seedTests: Int
    /// Pooled tests in the disagreement family: model pairs × logged and oracle metrics.
    public var disagreementTests: Int

    enum CodingKeys: String, CodingKey {
        case scenario
        case protocolName = "protocol"
        case shots
        case verdictTests = "verdict_tests"
        case seedTests = "seed_tests"
        case disagreementTests = "disagreement_tests"
    }
}

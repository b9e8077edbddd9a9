import Evaluation

/// Two models that a logged metric and an oracle metric order oppositely, each
/// significantly (pooled over seeds, Holm-corrected within the scenario and protocol).
public struct Disagreement: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: String
    /// The protocol.
    public var protocolName: String
    /// The support size K.
    public var shots: Int?
    /// The metric scored against the logged interactions.
    public var loggedMetric: String
    /// The metric scored against the world's true utilities.
    public var oracleMetric: String
    /// The model the logged metric calls better.
    public var loggedFavours: String
    /// The model the oracle metric calls better.
    public var oracleFavours: String
    /// The logged metric's pooled difference, `loggedFavours` − `oracleFavours`.
    public var loggedEffect: Double
    /// Its Holm-adjusted p-value.
    public var loggedP: Double
    /// The oracle metric's pooled difference, `oracleFavours` − `loggedFavours`.
    public var oracleEffect: Double
    /// Its Holm-adjusted p-value.
    public var oracleP: Double

    enum CodingKeys: String, CodingKey {
        case scenario
        case protocolName = "protocol"
        case shots
        case loggedMetric = "logged_metric"
        case oracleMetric = "oracle_metric"
        case loggedFavours = "logged_favours"
        case oracleFavours = "oracle_favours"
        case loggedEffect = "logged_effect"
        case loggedP = "logged_p_holm"
        case oracleEffect = "oracle_effect"
        case oracleP = "oracle_p_holm"
    }

    /// `logged ndcg@10 favours popularity over oracle (+0.120, p = 0.001); oracle_ndcg@10 favours oracle (+0.300, p = 0.0001)`.
    public var sentence: String {
        "logged \(loggedMetric) favours \(loggedFavours) over \(oracleFavours) (\(String(format: "%+.4f", loggedEffect)), "
            + "p = \(String(format: "%.2g", loggedP))), while \(oracleMetric) favours \(oracleFavours) "
            + "(\(String(format: "%+.4f", oracleEffect)), p = \(String(format: "%.2g", oracleP)))"
    }
}

/// A sampled ranking, reported beside the full-catalog ranking for comparison with the
/// literature, under its own protocol name so that it is never mistaken for it.
///
/// Sampled metrics are inflated and can even rank models differently from full-catalog
/// ones (Krichene & Rendle, "On sampled metrics for item recommendation", KDD 2020);
/// with a query set of ten items, HR@10 is always 1.
public enum SampledRanking: Hashable, Sendable, CustomStringConvertible {
    /// Rank the user's query items only (as MeLU and most meta-learning papers do).
    case querySet
    /// Rank the relevant query items among this many items the user never interacted
    /// with, drawn uniformly at random per user (as NCF, He et al. WWW 2017, with 100).
    case negatives(Int)

    /// Parses `query` or a positive number of negatives, as written in scenario files.
    public init?(_ text: String) {
        if text == "query" {
            self = .querySet
        } else if let count = Int(text), count > 0 {
            self = .negatives(count)
        } else {
            return nil
        }
    }

    /// The protocol name its rows carry: `cold-start/sampled-query`, `cold-start/sampled-100`.
    public var protocolName: String { "\(ColdStartProtocol.name)/sampled-\(description)" }

    /// `query`, or the number of negatives, as written in scenario files.
    public var description: String {
        switch self {
        case .querySet: return "query"
        case let .negatives(count): return "\(count)"
        }
    }
}

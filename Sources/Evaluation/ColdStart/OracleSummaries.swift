import RecData
import Synchronization

/// What the oracle-relative metrics need of a user's candidates besides the utilities of
/// the recommended items, kept per user across the support sizes of one measurement run.
///
/// The cold-start protocol ranks the same candidates at every K (the catalog less the
/// support block of the largest K, at the serving moment), so the lowest candidate utility
/// and the oracle's best list do not change with K; only the model's top list does. The
/// first K computes every candidate's utility; the others ask the oracle for their top
/// list's items only. The summary is keyed by the user, the serving moment and the items
/// excluded from the catalog, which with the evaluator's catalog decide the candidates,
/// so a different candidate set is never answered from the store. A summary is a few
/// numbers per user, and the store lives as long as its evaluator (one protocol run).
final class OracleSummaries: Sendable {
    /// What decides a user's candidates, given the evaluator's catalog and lifespans.
    struct Key: Hashable {
        let user: UserID
        let time: Int64
        /// The excluded item indices (support block and support), ascending, without repeats.
        let excluded: [Int]

        init(user: UserID, time: Int64, excluded: [Interaction]) {
            self.user = user
            self.time = time
            self.excluded = Array(Set(excluded.map(\.item.index))).sorted()
        }
    }

    /// The K-invariant part of a user's ``OracleUtilities``.
    struct Summary {
        let minimum: Double
        let best: [Double]
    }

    private let summaries = Mutex([Key: Summary]())

    /// The stored summary for `key`, if an earlier support size stored one.
    func summary(for key: Key) -> Summary? {
        summaries.withLock { $0[key] }
    }

    /// Stores the summary of `oracle` under `key`.
    func store(_ oracle: OracleUtilities, for key: Key) {
        summaries.withLock { $0[key] = Summary(minimum: oracle.minimum, best: oracle.best) }
    }
}

/// Early stopping on a validation measure (lower is better): keeps the best epoch's snapshot
/// and says when `patience` epochs in a row have not improved on it.
///
/// Every trained network (the network baselines, the meta-learners, the two-tower
/// meta-learner) stops the same way, so one owner holds the rule.
struct EarlyStopping<Snapshot> {
    /// The snapshot of the best epoch so far (the initial one before any epoch).
    private(set) var best: Snapshot
    /// The validation measure of ``best`` (infinity before any measured epoch, NaN when an
    /// epoch ran without validation).
    private(set) var bestMeasure = Double.infinity
    /// Epochs run up to and including the best one.
    private(set) var bestEpochs = 0
    /// Epochs in a row without improvement after which training stops.
    let patience: Int
    private var stale = 0

    /// Starts with `initial` as the best snapshot.
    init(initial: Snapshot, patience: Int) {
        best = initial
        self.patience = patience
    }

    /// Records the snapshot after `epochs` epochs with its validation `measure`; returns
    /// whether training should stop.
    mutating func record(_ snapshot: Snapshot, measure: Double, epochs: Int) -> Bool {
        if measure < bestMeasure {
            (best, bestMeasure, bestEpochs, stale) = (snapshot, measure, epochs, 0)
            return false
        }
        stale += 1
        return stale >= patience
    }

    /// Keeps the snapshot after `epochs` epochs without measuring it (no validation users):
    /// the last epoch is the one used.
    mutating func keepUnmeasured(_ snapshot: Snapshot, epochs: Int) {
        (best, bestMeasure, bestEpochs) = (snapshot, .nan, epochs)
    }
}

import Testing

@testable import Recommenders

@Suite("Early stopping")
struct EarlyStoppingTests {
    /// Records each `(snapshot, measure)` as one more epoch; returns whether each said stop.
    private static func record<S>(_ epochs: [(S, Double)], into stopping: inout EarlyStopping<S>) -> [Bool] {
        epochs.enumerated().map { index, epoch in
            stopping.record(epoch.0, measure: epoch.1, epochs: index + 1)
        }
    }

    @Test("Keeps the best epoch's snapshot and stops after `patience` epochs without improvement")
    func keepsBestAndStops() {
        var stopping = EarlyStopping(initial: "start", patience: 2)
        let stops = Self.record([("one", 0.5), ("two", 0.3), ("three", 0.4), ("four", 0.3)], into: &stopping)
        #expect(stops == [false, false, false, true])
        #expect(stopping.best == "two")
        #expect(stopping.bestMeasure == 0.3)
        #expect(stopping.bestEpochs == 2)
    }

    @Test("An improvement resets the count of stale epochs; a NaN measure never improves")
    func improvementResets() {
        var stopping = EarlyStopping(initial: 0, patience: 2)
        let stops = Self.record([(1, 1.0), (2, 2.0), (3, 0.9), (4, 1.5), (5, Double.nan)], into: &stopping)
        #expect(stops == [false, false, false, false, true])
        #expect(stopping.best == 3)
        #expect(stopping.bestEpochs == 3)
    }

    @Test("Without validation the last epoch is kept and its measure is NaN")
    func unmeasuredKeepsLast() {
        var stopping = EarlyStopping(initial: 0, patience: 1)
        stopping.keepUnmeasured(1, epochs: 1)
        stopping.keepUnmeasured(2, epochs: 2)
        #expect(stopping.best == 2)
        #expect(stopping.bestEpochs == 2)
        #expect(stopping.bestMeasure.isNaN)
    }
}

import RecData
import Recommenders

/// The price of adapting one fitted model at one support size: how long its fit took,
/// how long each user's adaptation and full-catalog scoring took, and the bytes of the
/// shared model and of each adapted user's state.
///
/// Times are wall-clock measurements on the machine that ran the cell, with whatever else
/// ran beside it: they are reported (``Metric/isMeasured``) but never decide a result.
/// Latencies are the median and 95th percentile over the evaluated users (linear
/// interpolation between order statistics); bytes come from the models that can count
/// them (``SharedModelFootprint``, ``UserStateFootprint``) and are deterministic.
struct AdaptationCost: Sendable {
    /// Wall time of the fit, in seconds.
    let fitSeconds: Double
    /// Bytes of the fitted model, when it counts them.
    let modelBytes: Int?
    /// Per user, the wall time of `adapt`, in seconds.
    private(set) var adaptationSeconds: [Double] = []
    /// Per user, the wall time of scoring the candidates, in seconds (users whose scoring
    /// no metric needed have none).
    private(set) var scoringSeconds: [Double] = []
    /// Per user, the bytes of the adapted state, for models that count them.
    private(set) var stateBytes: [Int] = []

    /// Starts measuring a model fitted in `fitSeconds`.
    init(fitSeconds: Double, model: any Recommender) {
        self.fitSeconds = fitSeconds
        self.modelBytes = (model as? any SharedModelFootprint)?.sharedModelBytes
    }

    /// Adapts `model` to `task`'s support, timing it and counting the adapted state; gives
    /// the adapted user and the adaptation's wall time, in seconds.
    mutating func adapt(_ model: any Recommender, to task: UserTask) throws -> (
        personalized: any Personalized, seconds: Double
    ) {
        let started = ContinuousClock.now
        let personalized = try model.adapt(to: task.support, user: task.user)
        let seconds = Self.seconds(since: started)
        record(adaptation: seconds, of: personalized)
        return (personalized, seconds)
    }

    /// Records one user's adaptation, timed elsewhere: one that served another evaluation
    /// too (``SharedAdaptation``) counts in both, with its one measured time.
    mutating func record(adaptation seconds: Double, of personalized: any Personalized) {
        adaptationSeconds.append(seconds)
        if let footprint = personalized as? any UserStateFootprint { stateBytes.append(footprint.userStateBytes) }
    }

    /// Records one user's scoring time, when the evaluator scored.
    mutating func record(scoring seconds: Double?) {
        if let seconds { scoringSeconds.append(seconds) }
    }

    /// Seconds elapsed since `start`.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    /// The cost rows at support size `shots`, in the `all` segment, with `n` the users
    /// measured; a figure without measurements (no scoring, no byte count) is left out.
    func measurements(protocolName: String, shots: Int) -> [Measurement] {
        var figures: [(Metric, Double, Int)] = [(.fitSeconds, fitSeconds, adaptationSeconds.count)]
        let adaptation = adaptationSeconds.sorted()
        let scoring = scoringSeconds.sorted()
        for percentile in Metric.latencyPercentiles {
            let p = Double(percentile) / 100
            if !adaptation.isEmpty {
                figures.append(
                    (
                        .adaptationLatency(percentile: percentile), 1_000 * Bootstrap.quantile(adaptation, p),
                        adaptation.count
                    ))
            }
            if !scoring.isEmpty {
                figures.append(
                    (.scoringLatency(percentile: percentile), 1_000 * Bootstrap.quantile(scoring, p), scoring.count))
            }
        }
        if !stateBytes.isEmpty {
            figures.append(
                (.userStateBytes, Double(stateBytes.reduce(0, +)) / Double(stateBytes.count), stateBytes.count))
        }
        if let modelBytes { figures.append((.modelBytes, Double(modelBytes), adaptationSeconds.count)) }
        return figures.map { metric, value, n in
            Measurement(
                protocolName: protocolName, segment: UserSegments.all, shots: shots, window: nil, metric: metric,
                value: value, ciLow: value, ciHigh: value, perUser: [], n: n
            )
        }
    }
}

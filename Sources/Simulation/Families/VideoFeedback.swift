import Foundation

/// The video feedback model.
struct VideoFeedback: Sendable {
    let watch: WatchConfig
    let like: LogisticResponse
    let signal: VideoSignal
    /// Per-item duration shift of the watch log-odds.
    let offsets: [Float]

    func sample(item: Int, utility: Float, position: Int, random: inout LocalRandom) -> FeedbackModel.Outcome {
        let u = Double(utility)
        let logOdds = watchLocation(item: item, utility: u) + watch.noise * random.nextGaussian()
        let fraction = Float(1 / (1 + exp(-logOdds)))
        let liked = random.nextUnit() < like.probability(at: u)
        let inDataset = signal == .like ? liked : true
        return FeedbackModel.Outcome(
            details: LoggedFeedback(position: position, liked: liked, watchFraction: fraction, inDataset: inDataset),
            value: signal == .watch ? fraction : 1
        )
    }

    /// The mean of the watch log-odds for `item` at `utility`.
    func watchLocation(item: Int, utility: Double) -> Double {
        watch.intercept + watch.slope * utility + Double(offsets[item])
    }
}

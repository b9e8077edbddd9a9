import Foundation
import RecData

/// Settings of gradual drift: every user's preference takes a mean-reverting random
/// walk (a discretized Ornstein–Uhlenbeck process; Uhlenbeck & Ornstein, "On the theory
/// of the Brownian motion", Phys. Rev. 1930).
///
/// The offset starts at zero on ``startDay`` and moves every ``stepHours``:
/// `o_k = a·o_{k−1} + strength·sqrt(1 − a²)·ξ_k` with `a = exp(−step / reversion)`, so
/// after time Δ each latent component has moved by a variance of
/// `strength² · (1 − exp(−2Δ / reversion))`, approaching `strength²`.
public struct GradualDriftConfig: Hashable, Sendable {
    /// Stationary standard deviation of the offset per latent component (`strength`).
    public var strength: Double = 0.3
    /// Mean-reversion time in days (`reversion_days`).
    public var reversionDays: Double = 30
    /// Time between steps of the walk, in hours (`step_hours`).
    public var stepHours: Double = 24
    /// The day the walk starts (`start_day`).
    public var startDay: Double = 0

    /// Creates the default settings.
    public init() {}
}

/// A compiled gradual drift process.
///
/// The walk is sampled exactly but only where asked (see ``GradualWalk``): every
/// ``blockSteps``-th step (an anchor) follows from the previous anchor in one jump,
/// `o_{k+B} = a^B·o_k + strength·sqrt(1 − a^{2B})·η`, and a step inside a block is drawn
/// from the walk's law given the step before it and the block's closing anchor (a
/// discrete Ornstein–Uhlenbeck bridge). The steps so drawn have exactly the joint law of
/// the step-by-step walk, yet a user seen on a few days of the clock costs a few anchors
/// and bridge steps instead of every step.
struct GradualDrift: Sendable {
    /// Clock second the walk starts.
    let start: Int64
    /// Seconds between steps.
    let step: Int64
    /// Persistence over a block, `a^B`.
    let blockPersistence: Float
    /// Innovation scale over a block, `strength · sqrt(1 − a^{2B})`.
    let blockInnovation: Float
    /// For a step with `n` steps left to the block's anchor (index `n − 1`): the weights
    /// of the step before and of the anchor, and the scale of the deviate (the bridge's
    /// conditional law: with `V_m = 1 − a^{2m}`, `a·V_{n−1}/V_n`, `a^{n−1}(1 − a²)/V_n`
    /// and `strength·sqrt((1 − a²)·V_{n−1}/V_n)`).
    let bridge: [(previous: Float, anchor: Float, scale: Float)]
    /// Root of the per-user noise streams.
    let noise: RandomSource

    /// Steps from one anchor to the next.
    static let blockSteps = 6

    init(config: GradualDriftConfig, random: RandomSource) {
        start = WorldClock.seconds(days: config.startDay)
        step = max(1, WorldClock.seconds(hours: config.stepHours))
        let a = exp(-Double(step) / (config.reversionDays * Double(WorldClock.secondsPerDay)))
        let blocks = Double(Self.blockSteps)
        blockPersistence = Float(pow(a, blocks))
        blockInnovation = Float(config.strength * (1 - pow(a, 2 * blocks)).squareRoot())
        let variance = { (m: Int) in 1 - pow(a, 2 * Double(m)) }
        bridge = (1...Self.blockSteps).map { n in
            let left = variance(n - 1)
            let total = variance(n)
            guard total > 0 else { return (previous: 0, anchor: 1, scale: 0) }
            return (
                previous: Float(a * left / total), anchor: Float(pow(a, Double(n - 1)) * (1 - a * a) / total),
                scale: Float(config.strength * ((1 - a * a) * left / total).squareRoot())
            )
        }
        noise = random
    }

    /// The number of steps taken by time `time` (0 before the first step).
    func steps(at time: Int64) -> Int {
        time < start ? 0 : Int((time - start) / step)
    }

    /// The time of step `k` (step 0 is the start).
    func time(ofStep k: Int) -> Int64 { start + Int64(k) * step }
}

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
    /// Stationary standard deviation of the offset per latent component (`strength`, default 0.3).
    public var strength: Double = 0.3
    /// Mean-reversion time in days (`reversion_days`, default 30).
    public var reversionDays: Double = 30
    /// Time between steps of the walk, in hours (`step_hours`, default 24).
    public var stepHours: Double = 24
    /// The day the walk starts (`start_day`, default 0).
    public var startDay: Double = 0

    /// Creates the default settings.
    public init() {}
}

/// A compiled gradual drift process.
struct GradualDrift: Sendable {
    /// Clock second the walk starts.
    let start: Int64
    /// Seconds between steps.
    let step: Int64
    /// Per-step persistence `a`.
    let persistence: Float
    /// Per-step innovation scale `strength · sqrt(1 − a²)`.
    let innovation: Float
    /// Root of the per-user noise streams.
    let noise: RandomSource

    init(config: GradualDriftConfig, random: RandomSource) {
        start = WorldClock.seconds(days: config.startDay)
        step = max(1, WorldClock.seconds(hours: config.stepHours))
        let a = exp(-Double(step) / (config.reversionDays * Double(WorldClock.secondsPerDay)))
        persistence = Float(a)
        innovation = Float(config.strength * (1 - a * a).squareRoot())
        noise = random
    }

    /// The number of steps taken by time `time` (0 before the first step).
    func steps(at time: Int64) -> Int {
        time < start ? 0 : Int((time - start) / step)
    }

    /// The time of step `k` (step 0 is the start).
    func time(ofStep k: Int) -> Int64 { start + Int64(k) * step }
}

extension GradualDrift {
    /// Takes `count` steps of the walk of `offset` (`dimension` components):
    /// `o ← a·o + innovation·ξ` per step. Each step draws ⌈dimension / 2⌉ words from
    /// `noise` and turns them into its deviates by ``BoxMuller`` (the low and high halves
    /// of word j give components j and j + ⌈dimension / 2⌉), so a step's deviates do not
    /// depend on how many steps are taken at once.
    func walk(_ offset: UnsafeMutablePointer<Float>, dimension: Int, count: Int, noise: inout LocalRandom) {
        let half = (dimension + 1) / 2
        let stepsPerBlock = max(1, 128 / max(half, 1))
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * stepsPerBlock * half) { numbers in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * stepsPerBlock * half) { deviates in
                let low = numbers.baseAddress!, high = low + stepsPerBlock * half
                let cosines = deviates.baseAddress!, sines = cosines + stepsPerBlock * half
                var remaining = count
                while remaining > 0 {
                    let block = min(remaining, stepsPerBlock)
                    remaining -= block
                    for index in 0..<(block * half) {
                        let word = noise.next()
                        low[index] = UInt32(truncatingIfNeeded: word)
                        high[index] = UInt32(truncatingIfNeeded: word >> 32)
                    }
                    BoxMuller.fill(first: high, second: low, count: block * half, cosines: cosines, sines: sines)
                    for step in 0..<block {
                        let first = cosines + step * half, second = sines + step * half
                        for d in 0..<half { offset[d] = persistence * offset[d] + innovation * first[d] }
                        for d in half..<dimension { offset[d] = persistence * offset[d] + innovation * second[d - half] }
                    }
                }
            }
        }
    }
}

import RecData

/// One user's hidden preference as it moves through time.
///
/// The preference is `base + Σ gradual offsets + reinforcement pull`, where the base is
/// the archetype mixture plus the idiosyncratic part (replaced when a sudden switch
/// hits the user). A track only moves forward: ``advance(to:)`` applies every change
/// up to a time, ``consume(item:at:)`` applies reinforcement. The behaviour model and
/// the oracle drive the same track through the same calls, so they agree to the bit.
struct UserTrack {
    let user: Int
    /// The current preference vector.
    private(set) var preference: [Float]
    /// The earliest time at which ``advance(to:)`` would change the preference.
    private(set) var nextChange: Int64
    private var base: [Float]
    private var profile: UserProfile?
    private var nextSudden = 0
    /// The gradual processes' walks, one per process.
    private var walks: [GradualWalk]
    private var pull: [Float]
    private let population: Population
    private let drift: DriftModel

    init(user: Int, population: Population, drift: DriftModel) {
        self.user = user
        self.population = population
        self.drift = drift
        let dimension = population.dimension
        base = Array(population.baseVectors[(user * dimension)..<((user + 1) * dimension)])
        preference = base
        walks = drift.gradual.map { GradualWalk(process: $0, user: user, dimension: dimension) }
        pull = drift.hasReinforcement ? [Float](repeating: 0, count: dimension) : []
        nextChange = .max
        nextChange = earliestChange()
    }

    // MARK: - Moving forward

    /// Applies every sudden switch and gradual step that happens at or before `time`.
    @inline(__always)
    mutating func advance(to time: Int64) {
        guard time >= nextChange else { return }
        while nextSudden < drift.sudden.count, drift.sudden[nextSudden].time <= time {
            applySwitch(drift.sudden[nextSudden])
            nextSudden += 1
        }
        for index in drift.gradual.indices {
            walks[index].advance(to: drift.gradual[index].steps(at: time), process: drift.gradual[index])
        }
        recompose()
        nextChange = earliestChange()
    }

    /// Pulls the preference toward the hidden vector of an item consumed at `time`
    /// (given as its 8-bit components, see ``Catalog/quantize()``), when reinforcement
    /// is active then.
    mutating func consume(quantized vector: UnsafePointer<Int8>, at time: Int64) {
        guard drift.hasReinforcement, time >= drift.reinforcementStart else { return }
        let strength = drift.reinforcementStrength
        pull.withUnsafeMutableBufferPointer { pull in
            preference.withUnsafeBufferPointer { preference in
                for d in 0..<pull.count {
                    pull[d] += strength * (Float(vector[d]) * Catalog.quantumScale - preference[d])
                }
            }
        }
        recompose()
    }

    // MARK: - Internals

    private mutating func applySwitch(_ process: SuddenDrift) {
        guard let choice = process.switchChoice(of: user, archetypes: population.archetypeCount) else { return }
        var current = profile ?? population.profile(of: user)
        current.logits = Population.switched(current.logits, to: choice)
        profile = current
        base = population.preference(logits: current.logits, idiosyncratic: current.idiosyncratic)
    }

    /// `preference = base + Σ offsets + pull`, summed in that order.
    private mutating func recompose() {
        let dimension = base.count
        preference.withUnsafeMutableBufferPointer { preference in
            let preference = preference.baseAddress!
            base.withUnsafeBufferPointer { base in
                for d in 0..<dimension { preference[d] = base[d] }
            }
            for walk in walks {
                walk.offset.withUnsafeBufferPointer { offset in
                    for d in 0..<dimension { preference[d] += offset[d] }
                }
            }
            pull.withUnsafeBufferPointer { pull in
                for d in 0..<pull.count { preference[d] += pull[d] }
            }
        }
    }

    private func earliestChange() -> Int64 {
        var earliest = Int64.max
        if nextSudden < drift.sudden.count { earliest = drift.sudden[nextSudden].time }
        for (index, process) in drift.gradual.enumerated() {
            earliest = min(earliest, process.time(ofStep: walks[index].step + 1))
        }
        return earliest
    }
}

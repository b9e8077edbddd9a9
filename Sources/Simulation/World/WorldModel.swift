import RecData

/// Everything that decides behaviour in a generated world, shared read-only by the
/// behaviour simulator (which draws the log) and the oracle (which answers questions).
///
/// Utility of item i for a user with preference p at time t:
/// `u = p·vᵢ / sqrt(dimension) + static biasᵢ + time effectsᵢ(t)`, computed in single
/// precision from the 8-bit item vectors (`p·vᵢ = quantum · Σ p_d·q_id`) by one kernel,
/// so that the log and the oracle agree to the bit.
struct WorldModel: Sendable {
    let family: WorldFamily
    let clock: WorldClock
    let catalog: Catalog
    let population: Population
    let drift: DriftModel
    let effects: TimeEffects
    let choice: ChoiceModel
    let feedback: FeedbackModel
    /// `quantum / sqrt(dimension)`: turns the 8-bit inner product into utility.
    let utilityScale: Float

    init(
        family: WorldFamily, clock: WorldClock, catalog: Catalog, population: Population, drift: DriftModel,
        effects: TimeEffects, choice: ChoiceModel, feedback: FeedbackModel
    ) {
        self.family = family
        self.clock = clock
        self.catalog = catalog
        self.population = population
        self.drift = drift
        self.effects = effects
        self.choice = choice
        self.feedback = feedback
        self.utilityScale = Catalog.quantumScale / Float(catalog.dimension).squareRoot()
    }

    /// The inner product of a preference and an 8-bit item vector of `count` components.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ q: UnsafePointer<Int8>, count: Int) -> Float {
        var s0: Float = 0
        var s1: Float = 0
        var s2: Float = 0
        var s3: Float = 0
        var d = 0
        while d + 4 <= count {
            s0 += a[d] * Float(q[d])
            s1 += a[d + 1] * Float(q[d + 1])
            s2 += a[d + 2] * Float(q[d + 2])
            s3 += a[d + 3] * Float(q[d + 3])
            d += 4
        }
        while d < count {
            s0 += a[d] * Float(q[d])
            d += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// Utility from its parts: the 8-bit inner product, the item and its time effects.
    @inline(__always)
    func utility(dot: Float, item: Int, timeValue: Float) -> Float {
        dot * utilityScale + catalog.staticBias[item] + timeValue
    }

    /// The utility of `item` at `time` for a user whose preference is `preference`.
    func utility(preference: [Float], item: Int, at time: Int64) -> Float {
        preference.withUnsafeBufferPointer { p in
            catalog.quantized.withUnsafeBufferPointer { v in utility(p, v, item: item, at: time) }
        }
    }

    /// The utilities of `items` at `time` for a user whose preference is `preference`, in
    /// the items' order: each the very value ``utility(preference:item:at:)`` gives, with
    /// the buffers opened once for all items rather than once per item.
    func utilities(preference: [Float], items: [ItemID], at time: Int64) -> [Double] {
        preference.withUnsafeBufferPointer { p in
            catalog.quantized.withUnsafeBufferPointer { v in
                items.map { Double(utility(p, v, item: $0.index, at: time)) }
            }
        }
    }

    /// The utility of `item` at `time` for the preference `p`, read from the open catalog
    /// vectors `v`.
    @inline(__always)
    private func utility(_ p: UnsafeBufferPointer<Float>, _ v: UnsafeBufferPointer<Int8>, item: Int, at time: Int64)
        -> Float
    {
        let dimension = catalog.dimension
        let dot = Self.dot(p.baseAddress!, v.baseAddress! + item * dimension, count: dimension)
        return utility(dot: dot, item: item, timeValue: effects.value(item: item, catalog: catalog, at: time))
    }
}

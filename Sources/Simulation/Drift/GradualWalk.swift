import RecData

/// One user's walk under one gradual drift process, drawn forward only as far as asked
/// (see ``GradualDrift`` for the construction).
///
/// Anchors (every ``GradualDrift/blockSteps``-th step) come one after another from the
/// user's anchor stream; the steps inside block `j` come from a stream of their own
/// (the user's bridge stream, labelled `j`), each given the step before it and the block's closing anchor. So the
/// offset at any step is the same whichever steps were asked for before — the behaviour
/// loop and the oracle, asking at different moments, see the same walk.
struct GradualWalk {
    /// The offset at ``step``, one component per latent dimension.
    private(set) var offset: [Float]
    /// The step the offset is at.
    private(set) var step = 0
    /// The block the walk is in: steps `block·B … (block + 1)·B`.
    private var block = 0
    /// The block's closing anchor.
    private var anchor: [Float]
    private var anchors: LocalRandom
    private var inside: LocalRandom
    private let streams: RandomSource

    init(process: GradualDrift, user: Int, dimension: Int) {
        streams = process.noise.stream(UInt64(user))
        anchors = LocalRandom(streams.stream("anchors"))
        inside = LocalRandom(streams.stream("bridge").stream(0))
        offset = [Float](repeating: 0, count: dimension)
        anchor = offset
        anchor.withUnsafeMutableBufferPointer { anchor in
            Self.draw(into: anchor, from: &anchors) { _, deviate in process.blockInnovation * deviate }
        }
    }

    /// Moves the walk forward to step `target` (a step before the current one is ignored).
    mutating func advance(to target: Int, process: GradualDrift) {
        let blockSteps = GradualDrift.blockSteps
        guard target > step else { return }
        if target >= (block + 1) * blockSteps {
            while target >= (block + 1) * blockSteps {
                block += 1
                offset = anchor
                anchor.withUnsafeMutableBufferPointer { anchor in
                    Self.draw(into: anchor, from: &anchors) { previous, deviate in
                        process.blockPersistence * previous + process.blockInnovation * deviate
                    }
                }
            }
            step = block * blockSteps
            inside = LocalRandom(streams.stream("bridge").stream(UInt64(block)))
        }
        while step < target {
            let weights = process.bridge[(block + 1) * blockSteps - step - 1]
            anchor.withUnsafeBufferPointer { anchor in
                offset.withUnsafeMutableBufferPointer { offset in
                    Self.draw(into: offset, from: &inside) { previous, deviate in
                        weights.previous * previous + weights.scale * deviate
                    }
                    for d in 0..<offset.count { offset[d] += weights.anchor * anchor[d] }
                }
            }
            step += 1
        }
    }

    /// Replaces each component `x` of `vector` by `update(x, ξ)`, with standard normal
    /// deviates ξ made from ⌈count / 2⌉ words of `random` by ``BoxMuller`` (the high and
    /// low halves of word j give components j and j + ⌈count / 2⌉).
    @inline(__always)
    private static func draw(
        into vector: UnsafeMutableBufferPointer<Float>, from random: inout LocalRandom,
        _ update: (Float, Float) -> Float
    ) {
        let count = vector.count
        let half = (count + 1) / 2
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * max(half, 1)) { numbers in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * max(half, 1)) { deviates in
                let high = numbers.baseAddress!
                let low = high + half
                let cosines = deviates.baseAddress!
                let sines = cosines + half
                for index in 0..<half {
                    let word = random.next()
                    high[index] = UInt32(truncatingIfNeeded: word >> 32)
                    low[index] = UInt32(truncatingIfNeeded: word)
                }
                BoxMuller.fill(first: high, second: low, count: half, cosines: cosines, sines: sines)
                for d in 0..<half { vector[d] = update(vector[d], cosines[d]) }
                for d in half..<count { vector[d] = update(vector[d], sines[d - half]) }
            }
        }
    }
}

import RecData

/// Scores every item with independent uniform noise: the floor any model must clear.
///
/// A user's scores come from a stream keyed by the cell seed, the user and the item, so
/// they do not depend on the order in which users are evaluated. Rating predictions are
/// uniform on the dataset's rating scale.
public struct RandomRecommender: Recommender, Sendable {
    public let name = "random"
    private let seed: UInt64
    private var scale: ClosedRange<Float> = 1...1

    /// Creates the model for a cell seed.
    public init(seed: UInt64) {
        self.seed = seed
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        scale = training.dataset.feedback.scale
    }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        RandomScores(key: RandomSource(seed: seed).stream(UInt64(user.rawValue)).key, scale: scale)
    }
}

/// One user's random scores: a hash of the user's key and the item, mapped to `[0, 1)`.
struct RandomScores: Personalized {
    let key: UInt64
    let scale: ClosedRange<Float>

    private func unit(_ item: ItemID, salt: UInt64) -> Float {
        let bits = SplitMix64.mix(key ^ SplitMix64.mix(UInt64(item.rawValue) &+ salt))
        return Float(bits >> 40) * 0x1.0p-24
    }

    func scores(for candidates: [ItemID]) -> [Float] {
        candidates.map { unit($0, salt: 0) }
    }

    func predictedRatings(for items: [ItemID]) -> [Float]? {
        items.map { scale.lowerBound + unit($0, salt: 1) * (scale.upperBound - scale.lowerBound) }
    }

    mutating func observe(_ feedback: [Interaction]) throws {}
}

// MARK: - Storage footprint

extension RandomRecommender: SharedModelFootprint {
    /// Nothing but its seed: no arrays.
    public var sharedModelBytes: Int? { 0 }
}

extension RandomScores: UserStateFootprint {
    /// A key and a scale: no arrays.
    var userStateBytes: Int { 0 }
}

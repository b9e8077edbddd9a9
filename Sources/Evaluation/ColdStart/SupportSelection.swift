import RecData

/// How the support set of every K is drawn from one fixed block of a user's
/// interactions, so that the query never depends on K.
///
/// The block holds the largest K of the sweep's worth of interactions. Under
/// ``SupportOrder/chronological`` the support of size K is the block's K interactions
/// nearest the query (the first K of a new user's history, the last K of an existing
/// user's); under ``SupportOrder/random`` it is the first K of the block shuffled once per
/// user, so the supports of a user nest (K = 1 ⊂ K = 3 ⊂ …) and are the same for every model.
struct SupportSelection: Sendable {
    /// How the support is chosen.
    let order: SupportOrder
    /// The source of each user's shuffle.
    let shuffling: RandomSource

    /// The support of size `shots` from `block`, a user's interactions in time order.
    ///
    /// - Parameter fromEnd: take the last K in time (an existing user's most recent
    ///   interactions) instead of the first K.
    func support(_ shots: Int, of block: [Interaction], user: UserID, fromEnd: Bool = false) -> [Interaction] {
        switch order {
        case .chronological:
            return Array(fromEnd ? block.suffix(shots) : block.prefix(shots))
        case .random:
            var shuffled = block
            var generator = shuffling.stream(UInt64(user.rawValue))
            generator.shuffle(&shuffled)
            return Array(shuffled.prefix(shots))
        }
    }
}

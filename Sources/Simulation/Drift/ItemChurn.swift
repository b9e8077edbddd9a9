import RecData

/// Settings of item churn: part of the catalog arrives during the clock and part of it
/// expires, so the set of items one can recommend changes over time.
///
/// Applies to e-commerce and video catalogs; news articles arrive and expire by their
/// own publication schedule (`lifetime_hours`).
public struct ItemChurnConfig: Hashable, Sendable {
    /// Share of items that arrive at a uniform time during the clock instead of being
    /// there from the start, in `[0, 1]` (`arrivals`, default 0.3).
    public var arrivals: Double = 0.3
    /// Share of items that expire at a uniform time between their arrival and the end
    /// of the clock, in `[0, 1]` (`expirations`, default 0.2).
    public var expirations: Double = 0.2

    /// Creates the default settings.
    public init() {}
}

extension ItemChurnConfig {
    /// Draws each item's availability window `arrival..<expiry` in clock seconds;
    /// items present from the start arrive at `Int64.min`, items that never expire at `Int64.max`.
    func windows(items: Int, clock: WorldClock, random: RandomSource) -> (arrival: [Int64], expiry: [Int64]) {
        var arrival = [Int64]()
        var expiry = [Int64]()
        arrival.reserveCapacity(items)
        expiry.reserveCapacity(items)
        for item in 0..<items {
            var stream = random.stream(UInt64(item))
            var from = Int64.min
            var until = Int64.max
            if stream.nextUnit() < arrivals {
                from = Int64(stream.nextUnit() * Double(clock.duration))
            }
            if stream.nextUnit() < expirations {
                let earliest = max(from, 0)
                until = earliest + 1 + Int64(stream.nextUnit() * Double(max(clock.duration - earliest, 1)))
            }
            arrival.append(from)
            expiry.append(until)
        }
        return (arrival, expiry)
    }
}

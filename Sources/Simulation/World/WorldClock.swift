/// The world's clock: simulated time runs in whole seconds from 0 to ``duration``.
///
/// Interactions carry their time in these seconds (`Interaction.time`), so exported
/// timestamps are seconds since the start of the simulation.
public struct WorldClock: Hashable, Sendable, Codable {
    /// Seconds in an hour.
    public static let secondsPerHour: Int64 = 3_600
    /// Seconds in a day.
    public static let secondsPerDay: Int64 = 86_400

    /// The length of the simulated period, in seconds.
    public let duration: Int64

    /// A clock running for `days` days.
    public init(days: Double) {
        self.duration = Self.seconds(days: days)
    }

    /// The length of the simulated period, in days.
    public var days: Double { Double(duration) / Double(Self.secondsPerDay) }

    /// `days` days in whole seconds.
    public static func seconds(days: Double) -> Int64 {
        Int64((days * Double(secondsPerDay)).rounded())
    }

    /// `hours` hours in whole seconds.
    public static func seconds(hours: Double) -> Int64 {
        Int64((hours * Double(secondsPerHour)).rounded())
    }

    /// The hour that `time` falls in (hour 0 starts at time 0).
    @inline(__always)
    public static func hour(of time: Int64) -> Int64 {
        time >= 0 ? time / secondsPerHour : (time - secondsPerHour + 1) / secondsPerHour
    }
}

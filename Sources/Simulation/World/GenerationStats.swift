import Foundation

/// How the log of a world came about: slates shown, choices made, time taken.
public struct GenerationStats: Hashable, Sendable, Codable {
    /// Slates the logging policy showed.
    public let slatesShown: Int
    /// Slates on which the user chose nothing.
    public let noChoices: Int
    /// Users who logged fewer dataset interactions than they aimed for (the clock ran
    /// out, nothing was left to show, or they declined too often).
    public let usersShort: Int
    /// Wall-clock seconds spent simulating behaviour (slates, choices, feedback).
    public let behaviourSeconds: Double
    /// Processor seconds (all threads) spent simulating behaviour.
    public let behaviourProcessorSeconds: Double
    /// Wall-clock seconds for the whole generation.
    public let totalSeconds: Double
    /// Processor seconds (all threads) for the whole generation.
    public let totalProcessorSeconds: Double
    /// Worker threads used.
    public let threads: Int

    /// Creates statistics.
    public init(
        slatesShown: Int, noChoices: Int, usersShort: Int, behaviourSeconds: Double, behaviourProcessorSeconds: Double,
        totalSeconds: Double, totalProcessorSeconds: Double, threads: Int
    ) {
        self.slatesShown = slatesShown
        self.noChoices = noChoices
        self.usersShort = usersShort
        self.behaviourSeconds = behaviourSeconds
        self.behaviourProcessorSeconds = behaviourProcessorSeconds
        self.totalSeconds = totalSeconds
        self.totalProcessorSeconds = totalProcessorSeconds
        self.threads = threads
    }

    /// No generation (a world built from parts).
    public static let none = GenerationStats(
        slatesShown: 0, noChoices: 0, usersShort: 0, behaviourSeconds: 0, behaviourProcessorSeconds: 0, totalSeconds: 0,
        totalProcessorSeconds: 0, threads: 0
    )

    /// Slates shown per processor second of behaviour simulation: the throughput of one core.
    public var slatesPerProcessorSecond: Double {
        behaviourProcessorSeconds > 0 ? Double(slatesShown) / behaviourProcessorSeconds : 0
    }

    /// Processor seconds this process has used so far.
    static func processorSeconds() -> Double {
        Double(clock()) / Double(CLOCKS_PER_SEC)
    }
}

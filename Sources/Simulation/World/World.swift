import RecData

/// A generated world: the observable dataset, the full log behind it, the oracle that
/// knows the truth, and the shifts that happened.
public struct World: Sendable {
    /// Which family generated it.
    public let family: WorldFamily
    /// Users, items, features and the dataset's interactions (the family's dataset signal).
    public let dataset: Dataset
    /// The hidden truth behind the dataset.
    public let oracle: Oracle
    /// The simulated period.
    public let clock: WorldClock
    /// Feedback details of the dataset's interactions and the choices outside it.
    public let log: EventLog
    /// The shifts the drift processes caused, in start order.
    public let shiftEvents: [ShiftEvent]
    /// How the log came about.
    public let generation: GenerationStats

    /// Creates a world from a dataset and an oracle, without a log or shifts.
    public init(family: WorldFamily, dataset: Dataset, oracle: Oracle) {
        self.init(
            family: family, dataset: dataset, oracle: oracle, clock: oracle.clock, log: EventLog(), shiftEvents: [],
            generation: .none)
    }

    /// Creates a world from all its parts.
    public init(
        family: WorldFamily, dataset: Dataset, oracle: Oracle, clock: WorldClock, log: EventLog,
        shiftEvents: [ShiftEvent], generation: GenerationStats
    ) {
        self.family = family
        self.dataset = dataset
        self.oracle = oracle
        self.clock = clock
        self.log = log
        self.shiftEvents = shiftEvents
        self.generation = generation
    }
}

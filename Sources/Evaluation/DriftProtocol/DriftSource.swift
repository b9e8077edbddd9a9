import RecData

/// Where the drift protocol's answers come from.
public enum DriftSource: Sendable {
    /// A simulated world answers the slates it is shown, through its oracle.
    case simulated(any DriftEnvironment)
    /// A real dataset's log is replayed: each window's logged interactions are the truth
    /// rankings are scored against, then what the models observe.
    case replay

    /// The clock the windows cut: the world's `0..<clockEnd`, or from the first logged
    /// interaction to just after the last.
    func clock(of dataset: Dataset) -> Range<Int64> {
        switch self {
        case let .simulated(environment):
            return 0..<environment.clockEnd
        case .replay:
            guard let first = dataset.interactions.first?.time, let last = dataset.interactions.last?.time else {
                return 0..<1
            }
            return first..<(last + 1)
        }
    }

    /// The world's recorded shifts; a real log records none.
    var shiftEvents: [DriftShiftEvent] {
        switch self {
        case let .simulated(environment): return environment.shiftEvents
        case .replay: return []
        }
    }
}

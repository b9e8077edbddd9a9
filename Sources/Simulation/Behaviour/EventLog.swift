import RecData

/// One logged choice with its feedback details.
public struct LoggedChoice: Hashable, Sendable {
    /// Who chose what, when, with the dataset value (rating, watch fraction or 1).
    public let interaction: Interaction
    /// Slate position, purchase, rating, watch fraction, like.
    public let details: LoggedFeedback

    /// Creates a logged choice.
    public init(interaction: Interaction, details: LoggedFeedback) {
        self.interaction = interaction
        self.details = details
    }
}

/// Everything the simulated users did, beyond what the dataset holds.
///
/// The dataset keeps the interactions of the family's dataset signal (rated purchases,
/// watches, clicks). The log adds the feedback details of each of them, in dataset
/// order, and the choices that did not make it into the dataset (a click without a
/// rated purchase), so that no event is stored twice.
public struct EventLog: Sendable {
    /// Feedback details of each dataset interaction, aligned with `dataset.interactions`.
    public let datasetDetails: [LoggedFeedback]
    /// Choices outside the dataset, in time order.
    public let otherChoices: [Interaction]
    /// Feedback details of each of ``otherChoices``.
    public let otherDetails: [LoggedFeedback]
    /// Per-user index over both lists, kept when the oracle needs users' histories
    /// (reinforcement): a dataset position, or an other-choice position with the top
    /// bit set, ordered by user and then time. A user's range is found by binary search.
    let userEntries: [UInt32]

    /// Bit marking an index entry as a position in ``otherChoices``.
    static let otherFlag: UInt32 = 1 << 31

    /// An empty log (a world built from parts, without simulated behaviour).
    public init() {
        datasetDetails = []
        otherChoices = []
        otherDetails = []
        userEntries = []
    }

    init(
        datasetDetails: [LoggedFeedback], otherChoices: [Interaction], otherDetails: [LoggedFeedback],
        userEntries: [UInt32]
    ) {
        self.datasetDetails = datasetDetails
        self.otherChoices = otherChoices
        self.otherDetails = otherDetails
        self.userEntries = userEntries
    }

    /// The choice an index entry points at, given the dataset's interactions.
    func choice(entry: UInt32, interactions: [Interaction]) -> Interaction {
        entry & Self.otherFlag != 0 ? otherChoices[Int(entry & ~Self.otherFlag)] : interactions[Int(entry)]
    }

    /// The index entries of `user`'s choices, in time order (empty without an index).
    func entries(of user: UserID, interactions: [Interaction]) -> ArraySlice<UInt32> {
        func firstEntry(atLeast user: UserID) -> Int {
            var low = 0
            var high = userEntries.count
            while low < high {
                let middle = (low + high) / 2
                if choice(entry: userEntries[middle], interactions: interactions).user < user {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            return low
        }
        return userEntries[firstEntry(atLeast: user)..<firstEntry(atLeast: UserID(user.rawValue + 1))]
    }

    /// The number of logged choices, in and out of the dataset.
    public var choiceCount: Int { datasetDetails.count + otherChoices.count }

    /// Every logged choice in time order (then user), merging the dataset's
    /// interactions with the other choices.
    public func allChoices(dataset: Dataset) -> [LoggedChoice] {
        let inside = dataset.interactions
        var merged = [LoggedChoice]()
        merged.reserveCapacity(inside.count + otherChoices.count)
        var i = 0
        var j = 0
        while i < inside.count || j < otherChoices.count {
            let takeInside: Bool
            if j == otherChoices.count {
                takeInside = true
            } else if i == inside.count {
                takeInside = false
            } else {
                takeInside = (inside[i].time, inside[i].user) < (otherChoices[j].time, otherChoices[j].user)
            }
            if takeInside {
                merged.append(
                    LoggedChoice(
                        interaction: inside[i],
                        details: datasetDetails.isEmpty
                            ? LoggedFeedback(position: 255, inDataset: true) : datasetDetails[i]))
                i += 1
            } else {
                merged.append(LoggedChoice(interaction: otherChoices[j], details: otherDetails[j]))
                j += 1
            }
        }
        return merged
    }

    /// The bytes the log and the dataset's interactions occupy per logged choice.
    public func bytesPerChoice(dataset: Dataset) -> Double {
        let choices = max(1, dataset.interactions.count + otherChoices.count)
        let bytes =
            MemoryLayout<Interaction>.stride * (dataset.interactions.count + otherChoices.count)
            + MemoryLayout<LoggedFeedback>.stride * (datasetDetails.count + otherDetails.count)
            + MemoryLayout<UInt32>.stride * userEntries.count
        return Double(bytes) / Double(choices)
    }
}

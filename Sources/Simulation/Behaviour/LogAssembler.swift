import RecData

/// Puts the chunk logs of the behaviour simulator into time order and splits them into
/// the dataset's interactions and the other choices.
enum LogAssembler {
    struct Assembled {
        var datasetEvents: [Interaction]
        var log: EventLog
        var slates: Int
        var noChoices: Int
        var shortUsers: Int
    }

    /// Takes the chunk logs over (each one's memory is released once it is copied into
    /// the whole log, so the two never coexist at full size) and assembles them.
    static func assemble(_ chunks: consuming [BehaviourSimulator.ChunkLog], users: Int, indexUsers: Bool) -> Assembled {
        let total = chunks.reduce(0) { $0 + $1.events.count }
        var events = [Interaction]()
        var details = [LoggedFeedback]()
        events.reserveCapacity(total)
        details.reserveCapacity(total)
        var slates = 0
        var noChoices = 0
        var shortUsers = 0
        for index in chunks.indices {
            events += chunks[index].events
            details += chunks[index].details
            slates += chunks[index].slates
            noChoices += chunks[index].noChoices
            shortUsers += chunks[index].shortUsers
            chunks[index] = BehaviourSimulator.ChunkLog()
        }
        let userBits = EventOrder.bits(toHold: users)
        let keys = events.map { UInt64($0.time) << userBits | UInt64($0.user.rawValue) }
        let order = EventOrder.sortingPermutation(of: keys)

        let insideCount = details.reduce(0) { $0 + ($1.inDataset ? 1 : 0) }
        var datasetEvents = [Interaction]()
        var datasetDetails = [LoggedFeedback]()
        var otherEvents = [Interaction]()
        var otherDetails = [LoggedFeedback]()
        datasetEvents.reserveCapacity(insideCount)
        datasetDetails.reserveCapacity(insideCount)
        otherEvents.reserveCapacity(total - insideCount)
        otherDetails.reserveCapacity(total - insideCount)
        var perUserCounts = indexUsers ? [UInt32](repeating: 0, count: users + 1) : []
        for position in order {
            let index = Int(position)
            if details[index].inDataset {
                datasetEvents.append(events[index])
                datasetDetails.append(details[index])
            } else {
                otherEvents.append(events[index])
                otherDetails.append(details[index])
            }
            if indexUsers { perUserCounts[events[index].user.index + 1] += 1 }
        }
        var entries = [UInt32]()
        if indexUsers {
            for user in 0..<users { perUserCounts[user + 1] += perUserCounts[user] }
            var fill = Array(perUserCounts.dropLast())
            entries = [UInt32](repeating: 0, count: total)
            var inside: UInt32 = 0
            var outside: UInt32 = 0
            for position in order {
                let event = events[Int(position)]
                let entry: UInt32
                if details[Int(position)].inDataset {
                    entry = inside
                    inside += 1
                } else {
                    entry = outside | EventLog.otherFlag
                    outside += 1
                }
                entries[Int(fill[event.user.index])] = entry
                fill[event.user.index] += 1
            }
        }
        let log = EventLog(
            datasetDetails: datasetDetails, otherChoices: otherEvents, otherDetails: otherDetails, userEntries: entries)
        return Assembled(
            datasetEvents: datasetEvents, log: log, slates: slates, noChoices: noChoices, shortUsers: shortUsers)
    }
}

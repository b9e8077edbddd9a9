import Foundation
import RecData

/// Draws the log: every user's sessions of slates, choices and feedback.
///
/// A user aims for a number of dataset interactions drawn from the activity model,
/// spread over sessions that start at uniform times on the clock. In a session,
/// slates follow each other 15–74 seconds apart; the logging policy fills each slate
/// with items the user has not chosen before that are available then; the user picks
/// one item or nothing by the choice model; feedback follows. A session ends when its
/// share of the user's interactions is logged. A user stops early when the clock runs
/// out, no item is left to show, or a hundred slates per wanted interaction pass.
///
/// Each user draws only from their own stream, so users can be simulated in any order
/// on any number of threads.
struct BehaviourSimulator: Sendable {
    let model: WorldModel
    let exposure: ExposureModel
    let activity: ActivityModel
    let interactionsPerSession: Int
    let slateSize: Int
    let streams: RandomSource

    /// What one chunk of users logged.
    struct ChunkLog: Sendable {
        var events: [Interaction] = []
        var details: [LoggedFeedback] = []
        var slates = 0
        var noChoices = 0
        var shortUsers = 0
    }

    /// Simulates every user, `threads` at a time, and returns the chunk logs in user order.
    func run(threads: Int) -> [ChunkLog] {
        let simulator = self
        let tables = HotTables(catalog: model.catalog, exposure: exposure)
        let items = model.catalog.count, slateSize = self.slateSize
        return ParallelChunks.map(
            count: model.population.count, chunkSize: 1_024, threads: threads,
            workerState: { BehaviourScratch(items: items, slateSize: slateSize) }
        ) { scratch, users in
            var log = ChunkLog()
            let worker = Worker(simulator: simulator, view: tables.view, scratch: scratch)
            for user in users { worker.simulate(user: user, into: &log) }
            withExtendedLifetime(tables) {}
            return log
        }
    }
}

extension BehaviourSimulator {
    /// The loop over one user's slates, reading tables through plain pointers.
    struct Worker {
        let simulator: BehaviourSimulator
        let view: HotTables.View
        let scratch: BehaviourScratch

        private var model: WorldModel { simulator.model }

        func simulate(user: Int, into log: inout ChunkLog) {
            let source = simulator.streams.stream(UInt64(user))
            var sourceCopy = source
            let target = simulator.activity.draw(random: &sourceCopy)
            var random = LocalRandom(source.stream("slates"))
            let perSession = simulator.interactionsPerSession
            let sessionCount = max(1, (target + perSession - 1) / perSession)
            let duration = model.clock.duration
            var starts = (0..<sessionCount).map { _ in Int64(random.nextUnit() * Double(duration)) }
            starts.sort()
            var track = UserTrack(user: user, population: model.population, drift: model.drift)
            let reinforcing = model.drift.hasReinforcement
            var time: Int64 = -1
            var logged = 0
            var slateBudget = target * 100 + 100
            sessions: for session in 0..<sessionCount {
                let quota = target / sessionCount + (session < target % sessionCount ? 1 : 0)
                var gotten = 0
                time = max(starts[session], time + 60)
                while gotten < quota, slateBudget > 0 {
                    time += 15 + Int64(random.nextIndex(below: 60))
                    guard time < duration else { break sessions }
                    slateBudget -= 1
                    track.advance(to: time)
                    let shown = fillSlate(at: time, random: &random)
                    guard shown > 0 else { break }
                    log.slates += 1
                    let chosen = track.preference.withUnsafeBufferPointer {
                        choose(shown: shown, preference: $0.baseAddress!, at: time, random: &random)
                    }
                    guard let position = chosen else {
                        log.noChoices += 1
                        continue
                    }
                    let item = scratch.slate[position]
                    scratch.chosen[item >> 6] |= 1 << UInt64(item & 63)
                    scratch.chosenList.append(item)
                    let outcome = model.feedback.sample(item: item, utility: scratch.utilities[position], position: position, random: &random)
                    log.events.append(Interaction(user: UserID(index: user), item: ItemID(index: item), time: time, value: outcome.value))
                    log.details.append(outcome.details)
                    if outcome.details.inDataset {
                        gotten += 1
                        logged += 1
                    }
                    if reinforcing { track.consume(vector: model.catalog.vector(of: item), at: time) }
                }
            }
            if logged < target { log.shortUsers += 1 }
            scratch.clearChosen()
        }

        /// Fills the scratch slate by the logging policy and returns how many items it holds.
        ///
        /// Small slates are de-duplicated by scanning them; large ones through the
        /// per-item stamps.
        @inline(__always)
        private func fillSlate(at time: Int64, random: inout LocalRandom) -> Int {
            let exposure = simulator.exposure
            let epoch = exposure.epochIndex(at: time)
            let itemStart = exposure.itemStarts[epoch]
            let itemCount = exposure.itemStarts[epoch + 1] - itemStart
            guard itemCount > 0 else { return 0 }
            let tailStart = exposure.tailStarts[epoch]
            let tailCount = exposure.tailStarts[epoch + 1] - tailStart
            let items = view.epochItems + itemStart
            let popular = view.epochPopularity + itemStart
            let tail = view.epochTail + tailStart
            let popularityShare = exposure.popularityShare, randomShare = exposure.randomShare
            let checkWindows = model.catalog.hasAvailabilityWindows
            let identity = view.identityItems
            let slateSize = simulator.slateSize
            let scan = slateSize <= 32
            let stamp = scan ? 0 : scratch.nextStamp()
            let slate = scratch.slate
            var count = 0
            var draws = 0
            let maximumDraws = slateSize * 20
            draw: while count < slateSize, draws < maximumDraws {
                draws += 1
                let strategy = random.nextUnit()
                let item: Int
                if strategy < popularityShare {
                    item = ExposureModel.popularItem(columns: popular, items: items, identity: identity, count: itemCount, bits: random.next())
                } else if strategy < randomShare {
                    let index = random.nextIndex(below: itemCount)
                    item = identity ? index : Int(items[index])
                } else {
                    item = Int(tail[random.nextIndex(below: tailCount)])
                }
                if scratch.chosen[item >> 6] & (1 << UInt64(item & 63)) != 0 { continue }
                if scan {
                    for position in 0..<count where slate[position] == item { continue draw }
                } else {
                    if scratch.slateMark[item] == stamp { continue }
                    scratch.slateMark[item] = stamp
                }
                if checkWindows, view.arrival[item] > time || time >= view.expiry[item] { continue }
                slate[count] = item
                count += 1
            }
            return count
        }

        /// Computes the slate's utilities and choice weights, and draws the chosen
        /// position (`nil` for no choice).
        @inline(__always)
        private func choose(shown: Int, preference: UnsafePointer<Float>, at time: Int64, random: inout LocalRandom) -> Int? {
            let hour = WorldClock.hour(of: time)
            let dimension = model.catalog.dimension
            let stride = view.vectorStride
            let choice = model.choice
            let utilityScale = model.utilityScale
            let hasEffects = !model.effects.isEmpty
            // Independent loads of every shown item's vector line first, so the cache
            // misses overlap instead of following one another.
            for position in 0..<shown {
                scratch.weights[position] = Float(view.vectors[scratch.slate[position] * stride])
            }
            for position in 0..<shown {
                let item = scratch.slate[position]
                let dot = WorldModel.dot(preference, view.vectors + item * stride, count: dimension)
                let timeValue = hasEffects ? timeEffect(item: item, at: time, hour: hour) : 0
                scratch.utilities[position] = dot * utilityScale + view.staticBias[item] + timeValue
            }
            var total = choice.noChoiceWeight
            for position in 0..<shown {
                let weight = choice.weight(utility: scratch.utilities[position], position: position)
                scratch.weights[position] = weight
                total += weight
            }
            var pick = random.nextFloat() * total
            for position in 0..<shown {
                pick -= scratch.weights[position]
                if pick < 0 { return position }
            }
            return nil
        }

        /// The time-dependent utility of `item`, as ``TimeEffects/value(item:catalog:at:)`` gives it.
        @inline(__always)
        private func timeEffect(item: Int, at time: Int64, hour: Int64) -> Float {
            let effects = model.effects
            var total: Float = 0
            if effects.drift != nil { total += effects.groupShift(group: Int(view.group[item]), hour: hour) }
            if effects.seasonal != nil { total += effects.seasonalShift(season: Int(view.season[item]), hour: hour) }
            if effects.freshness != nil { total += effects.freshnessValue(published: view.publishTime[item], at: time) }
            return total
        }
    }
}

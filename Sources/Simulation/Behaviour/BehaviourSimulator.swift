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
    let policy: LoggingPolicyConfig
    /// Article lifetime (news), which sets the exposure epochs.
    let lifetime: Int64?
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
        let ranked = model.catalog.orderedForBehaviour()
        let exposure = ExposureModel(catalog: ranked.catalog, policy: policy, clock: model.clock, lifetime: lifetime)
        let tables = HotTables(
            model: model, ranked: ranked.catalog, itemOfRank: ranked.itemOfRank, exposure: exposure,
            slateSize: slateSize)
        let items = model.catalog.count
        let slateSize = self.slateSize
        return ParallelChunks.map(
            count: model.population.count, chunkSize: 1_024, threads: threads,
            workerState: { BehaviourScratch(items: items, slateSize: slateSize) }
        ) { scratch, users in
            var log = ChunkLog()
            log.events.reserveCapacity(users.count * simulator.activity.mean * 2)
            log.details.reserveCapacity(users.count * simulator.activity.mean * 2)
            let worker = Worker(simulator: simulator, view: tables.view, scratch: scratch)
            for user in users { worker.simulate(user: user, into: &log) }
            withExtendedLifetime(tables) {}
            return log
        }
    }
}

extension BehaviourSimulator {
    /// The loop over one user's slates, reading tables through plain pointers. Slates,
    /// the blocked-item set and the tables are in the behaviour order
    /// (``Catalog/orderedForBehaviour()``), called ranks here; ranks become item ids when
    /// a choice is logged.
    struct Worker {
        let view: HotTables.View
        let scratch: BehaviourScratch
        let population: Population
        let drift: DriftModel
        let catalog: Catalog
        let effects: TimeEffects
        let feedback: FeedbackModel
        let activity: ActivityModel
        let streams: RandomSource
        let perSession: Int
        let duration: Int64

        init(simulator: BehaviourSimulator, view: HotTables.View, scratch: BehaviourScratch) {
            self.view = view
            self.scratch = scratch
            population = simulator.model.population
            drift = simulator.model.drift
            catalog = simulator.model.catalog
            effects = simulator.model.effects
            feedback = simulator.model.feedback
            activity = simulator.activity
            streams = simulator.streams
            perSession = simulator.interactionsPerSession
            duration = simulator.model.clock.duration
        }

        func simulate(user: Int, into log: inout ChunkLog) {
            let source = streams.stream(UInt64(user))
            var activityRandom = source
            let target = activity.draw(random: &activityRandom)
            var random = LocalRandom(source.stream("slates"))
            let sessionCount = max(1, (target + perSession - 1) / perSession)
            var starts = (0..<sessionCount).map { _ in Int64(random.nextUnit() * Double(duration)) }
            starts.sort()
            var track = UserTrack(user: user, population: population, drift: drift)
            let reinforcing = drift.hasReinforcement
            var time: Int64 = -1
            var logged = 0
            var chosenCount = 0
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
                    let rank = scratch.slate[position]
                    scratch.blocked[rank >> 6] |= 1 << UInt64(rank & 63)
                    scratch.chosenList[chosenCount] = rank
                    chosenCount += 1
                    let item = Int(view.itemOfRank[rank])
                    let outcome = feedback.sample(
                        item: item, utility: scratch.utilities[position], position: position, random: &random)
                    log.events.append(
                        Interaction(
                            user: UserID(index: user), item: ItemID(index: item), time: time, value: outcome.value))
                    log.details.append(outcome.details)
                    if outcome.details.inDataset {
                        gotten += 1
                        logged += 1
                    }
                    if reinforcing { track.consume(quantized: view.record(rank).vector, at: time) }
                }
            }
            if logged < target { log.shortUsers += 1 }
            scratch.clearChosen(count: chosenCount)
        }

        /// Fills the scratch slate by the logging policy and returns how many items it holds.
        ///
        /// Each draw takes two random words: the first picks the strategy (its high 32
        /// bits against the policy's shares) and the uniform and tail positions (its low
        /// 32 bits), the second the popularity column and coin. All three candidates are
        /// computed and one is selected, and rejections (already chosen, already on the
        /// slate, not available) only decide whether the slate's count moves, so the loop
        /// has no unpredictable branches. Chosen and slate items are both marked in the
        /// scratch's blocked-item bit set; the slate's marks are cleared when it is full.
        @inline(__always)
        private func fillSlate(at time: Int64, random: inout LocalRandom) -> Int {
            let view = self.view
            let epoch = view.epochIndex(at: time)
            let entryStart = view.entryStarts[epoch]
            let entryCount = view.entryStarts[epoch + 1] - entryStart
            guard entryCount > 0 else { return 0 }
            let tailStart = view.tailStarts[epoch]
            let tailCount = UInt64(view.tailStarts[epoch + 1] - tailStart)
            let entries = view.epochEntries + entryStart
            let popular = view.epochPopularity + entryStart
            let tail = view.epochTail + tailStart
            let identity = view.identityItems
            let checkWindows = view.checkWindows
            let slateSize = view.slateSize
            let slate = scratch.slate
            let blocked = scratch.blocked
            var count = 0
            var draws = 0
            let maximumDraws = slateSize * 20
            while count < slateSize, draws < maximumDraws {
                draws += 1
                let first = random.next()
                let strategy = first >> 32
                let low = first & 0xFFFF_FFFF
                let byPopularity = strategy < view.popularityThreshold
                let explore = strategy >= view.randomThreshold
                // Tables a draw does not use are read at index 0 instead (always cached),
                // which spares the cache misses without a branch.
                let popularPosition = ExposureModel.popularPosition(
                    columns: popular, count: byPopularity ? entryCount : 0, bits: random.next()
                )
                let uniformPosition = Int((low &* UInt64(entryCount)) >> 32)
                let tailPosition = Int(tail[explore ? Int((low &* tailCount) >> 32) : 0])
                let position = explore ? tailPosition : byPopularity ? popularPosition : uniformPosition
                var rejected: UInt64 = 0
                let item: Int
                if identity {
                    item = position
                    if checkWindows {
                        // Only items whose window closes them during the clock have their
                        // entry read; the others read the (always cached) first entry.
                        let windowed = (view.windowed[item >> 6] >> UInt64(item & 63)) & 1
                        rejected = windowed & (entries[windowed == 1 ? position : 0].isAvailable(at: time) ? 0 : 1)
                    }
                } else {
                    let entry = entries[position]
                    item = Int(entry.item)
                    if checkWindows { rejected = entry.isAvailable(at: time) ? 0 : 1 }
                }
                let word = item >> 6
                let bit = UInt64(item & 63)
                rejected |= (blocked[word] >> bit) & 1
                blocked[word] |= (1 - rejected) << bit
                slate[count] = item
                count += 1 - Int(rejected)
            }
            for index in 0..<count { blocked[slate[index] >> 6] &= ~(1 << UInt64(slate[index] & 63)) }
            return count
        }

        /// Computes the slate's utilities and choice weights, and draws the chosen
        /// position (`nil` for no choice).
        @inline(__always)
        private func choose(shown: Int, preference: UnsafePointer<Float>, at time: Int64, random: inout LocalRandom)
            -> Int?
        {
            let view = self.view
            let slate = scratch.slate
            let utilities = scratch.utilities
            let weights = scratch.weights
            let ages = scratch.ages
            let fresh = scratch.fresh
            // Independent loads of every shown item's record first, so the cache misses
            // overlap instead of following one another.
            for position in 0..<shown {
                let record = view.record(slate[position])
                weights[position] = record.bias
                ages[position] = Int32(truncatingIfNeeded: max(0, time - record.arrival))
            }
            let slateEffects = SlateTimeEffects(view: view, at: time)
            slateEffects.freshness(ages: ages, count: shown, into: fresh)
            for position in 0..<shown {
                let record = view.record(slate[position])
                let dot = WorldModel.dot(preference, record.vector, count: view.dimension)
                let timeValue = slateEffects.value(of: record, fresh: fresh[position], effects: effects)
                utilities[position] = dot * view.utilityScale + record.bias + timeValue
            }
            let inverseTemperature = view.inverseTemperature
            let positionWeights = view.positionWeights
            for position in 0..<shown {
                weights[position] =
                    FastMath.exponential(utilities[position] * inverseTemperature) * positionWeights[position]
            }
            var total = view.noChoiceWeight
            for position in 0..<shown { total += weights[position] }
            var pick = random.nextFloat() * total
            for position in 0..<shown {
                pick -= weights[position]
                if pick < 0 { return position }
            }
            return nil
        }
    }
}

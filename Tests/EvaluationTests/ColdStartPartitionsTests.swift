import Evaluation
import Foundation
import RecData
import Testing

/// MeLU's four partitions: who and what falls in each, that nothing after the cut-off
/// reaches training, and each partition's figures on a case worked by hand.
@Suite("Cold-start protocol: MeLU partitions")
struct ColdStartPartitionsTests {
    /// 20 users with 10 interactions each, one every 20 time units from `user` on: the first
    /// six (times < 120) with items 0–9, the last four (times ≥ 120) with items 10–14,
    /// which the log shows only then. Ratings cycle 5, 4, 2.
    static let arrivals: Dataset = {
        var interactions = [Interaction]()
        for user in 0..<20 {
            for step in 0..<10 {
                let item = step < 6 ? (user + step) % 10 : 10 + (user + step) % 5
                interactions.append(
                    Interaction(
                        user: UserID(index: user), item: ItemID(index: item), time: Int64(step * 20 + user),
                        value: [5, 4, 2][step % 3]
                    ))
            }
        }
        return Dataset(
            name: "arrivals", users: FeatureTable(rowCount: 20), items: FeatureTable(rowCount: 15),
            interactions: interactions, feedback: .rating(minimum: 1, maximum: 5))
    }()

    private static func config(cutoff: Double = 0.5) -> ColdStartConfig {
        var config = ColdStartConfig()
        config.shots = [0, 2]
        config.split = SplitFractions(train: 0.5, validation: 0.2, test: 0.3)
        config.minimumQuery = 2
        config.bootstrapResamples = 20
        var partitions = PartitionConfig()
        partitions.cutoffShare = cutoff
        config.partitions = partitions
        return config
    }

    private func run(_ protocolRun: ColdStartProtocol, metrics: [Metric] = [.ndcg(k: 5), .mae]) throws -> (
        [Evaluation.Measurement], SpyLog
    ) {
        let log = SpyLog()
        let measurements = try protocolRun.run(
            SpyRecommender(log: log), metrics: metrics, random: RandomSource(seed: 3))
        return (measurements, log)
    }

    // MARK: - Membership

    @Test("the cut-off is the configured share of the log's span; items first seen at or after it are new")
    func membership() throws {
        let protocolRun = ColdStartProtocol(
            dataset: Self.arrivals, config: Self.config(), random: RandomSource(seed: 1))
        let partitions = try #require(protocolRun.partitions)
        // The log runs from 0 to 9·20 + 19 = 199; half of it, rounded, is 100.
        #expect(partitions.cutoff == 100)
        #expect(partitions.existingItems == (0..<10).map(ItemID.init(index:)))
        #expect(partitions.newItems == (10..<15).map(ItemID.init(index:)))
        #expect(partitions.catalog(.warmState) == partitions.existingItems)
        #expect(partitions.catalog(.userItemCold) == partitions.newItems)
        let train = Set(protocolRun.split.train)
        let test = Set(protocolRun.split.test)
        for partition in Partition.allCases {
            let users = try #require(partitions.evaluatedUsers[partition])
            #expect(!users.isEmpty, "\(partition)")
            #expect(Set(users).isSubset(of: partition.newUsers ? test : train), "\(partition)")
        }
        // Every test user has 10 interactions (2 support, 4 new-item ones in the query at
        // least), every meta-train user 5 before the cut-off and 5 after it.
        #expect(partitions.evaluatedUsers[.userCold] == protocolRun.split.test)
        #expect(partitions.evaluatedUsers[.warmState] == protocolRun.split.train)
    }

    @Test("given introduction times override first appearance")
    func givenIntroduction() throws {
        var times = [Int64](repeating: .min, count: 15)
        times[3] = 150
        let introduction = try ItemIntroduction(times: times, itemCount: 15)
        let protocolRun = ColdStartProtocol(
            dataset: Self.arrivals, config: Self.config(), random: RandomSource(seed: 1), itemIntroduction: introduction
        )
        let partitions = try #require(protocolRun.partitions)
        #expect(partitions.newItems == [ItemID(index: 3)])
        #expect(!partitions.training.interactions.contains { $0.item == ItemID(index: 3) })
    }

    @Test("introduction times for the wrong number of items are an error")
    func wrongIntroductionCount() {
        #expect(throws: EvaluationError.introductionCount(expected: 15, received: 14)) {
            try ItemIntroduction(times: Array(repeating: 0, count: 14), itemCount: 15)
        }
    }

    @Test("first appearance: the earliest interaction; never-seen items are never introduced")
    func firstSeen() {
        let dataset = Dataset(
            name: "seen", users: FeatureTable(rowCount: 2), items: FeatureTable(rowCount: 3),
            interactions: [
                Interaction(user: UserID(index: 0), item: ItemID(index: 1), time: 7, value: 1),
                Interaction(user: UserID(index: 1), item: ItemID(index: 1), time: 3, value: 1),
                Interaction(user: UserID(index: 1), item: ItemID(index: 0), time: 5, value: 1),
            ],
            feedback: .implicit
        )
        #expect(ItemIntroduction.firstSeen(in: dataset).times == [5, 3, .max])
    }

    // MARK: - Leakage

    @Test(
        "nothing after the cut-off, no new item and no test user reaches fit",
        arguments: [SupportOrder.chronological, .random])
    func noLeakage(order: SupportOrder) throws {
        var config = Self.config()
        config.supportOrder = order
        let protocolRun = ColdStartProtocol(dataset: Self.arrivals, config: config, random: RandomSource(seed: 1))
        let partitions = try #require(protocolRun.partitions)
        let (_, log) = try run(protocolRun)
        #expect(log.fits.count == 2)
        let (training, validation) = try #require(log.fits.last)
        let newItems = Set(partitions.newItems)
        let test = Set(protocolRun.split.test)
        let train = Set(protocolRun.split.train)
        #expect(!training.isEmpty)
        #expect(
            training.allSatisfy {
                $0.time < partitions.cutoff && !newItems.contains($0.item) && train.contains($0.user)
            })
        #expect(!validation.isEmpty)
        for task in validation {
            #expect(protocolRun.split.validation.contains(task.user))
            #expect(
                (task.support + task.query).allSatisfy { $0.time < partitions.cutoff && !newItems.contains($0.item) })
        }
        // Every meta-train user's history before the cut-off is there, in time order.
        let histories = Self.arrivals.historiesByUser()
        for user in train {
            #expect(
                partitions.training.histories[partitions.training.users.firstIndex(of: user) ?? 0]
                    == histories[user.index].filter { $0.time < partitions.cutoff })
        }
        #expect(training.allSatisfy { !test.contains($0.user) })
    }

    @Test(
        "tasks: new users' support is their first K, existing users' their last K before the cut-off; queries hold the partition's items"
    )
    func tasks() throws {
        let protocolRun = ColdStartProtocol(
            dataset: Self.arrivals, config: Self.config(), random: RandomSource(seed: 1))
        let partitions = try #require(protocolRun.partitions)
        let histories = Self.arrivals.historiesByUser()
        for partition in Partition.allCases {
            let kind = Set(partitions.catalog(partition))
            for task in partitions.tasks(partition, shots: 2) {
                let history = histories[task.user.index]
                #expect(!task.query.isEmpty)
                #expect(task.query.allSatisfy { kind.contains($0.item) && $0.user == task.user })
                if partition.newUsers {
                    #expect(task.support == Array(history.prefix(2)))
                    #expect(Set(task.query) == Set(history.dropFirst(2).filter { kind.contains($0.item) }))
                } else {
                    #expect(task.support == Array(history.filter { $0.time < partitions.cutoff }.suffix(2)))
                    #expect(
                        Set(task.query)
                            == Set(history.filter { $0.time >= partitions.cutoff && kind.contains($0.item) }))
                }
            }
        }
    }

    @Test("each partition ranks its own item kind less the support items")
    func candidates() throws {
        let protocolRun = ColdStartProtocol(
            dataset: Self.arrivals, config: Self.config(), random: RandomSource(seed: 1))
        let partitions = try #require(protocolRun.partitions)
        let (_, log) = try run(protocolRun)
        for partition in Partition.allCases {
            for task in partitions.tasks(partition, shots: 2) {
                let support = Set(task.support.map(\.item))
                let expected = partitions.catalog(partition).filter { !support.contains($0) }
                #expect(log.candidates[task.user]?.contains(expected) == true, "\(partition) \(task.user)")
            }
        }
    }

    @Test("the plain protocol's figures do not change when partitions are added")
    func plainUnchanged() throws {
        var plain = Self.config()
        plain.partitions = nil
        let (without, _) = try run(
            ColdStartProtocol(dataset: Self.arrivals, config: plain, random: RandomSource(seed: 1)))
        let (with, _) = try run(
            ColdStartProtocol(dataset: Self.arrivals, config: Self.config(), random: RandomSource(seed: 1)))
        #expect(with.filter { $0.protocolName == ColdStartProtocol.name } == without)
        #expect(Set(with.map(\.protocolName)) == Set([ColdStartProtocol.name] + Partition.allCases.map(\.protocolName)))
    }

    // MARK: - Figures by hand

    /// Two users with the same history, one meta-train and one test user; items 0–2 exist
    /// from the start, items 3–5 are introduced at 100, the cut-off.
    ///
    /// | time | 0 | 10 | 100 | 110 | 120 | 200 |
    /// | item | 0 | 1  | 3   | 2   | 4   | 5   |
    /// | rating | 5 | 2 | 5 | 5   | 1   | 4   |
    private static let twoUsers: Dataset = {
        let steps: [(Int64, Int, Float)] = [(0, 0, 5), (10, 1, 2), (100, 3, 5), (110, 2, 5), (120, 4, 1), (200, 5, 4)]
        let interactions = (0..<2).flatMap { user in
            steps.map { Interaction(user: UserID(index: user), item: ItemID(index: $0.1), time: $0.0, value: $0.2) }
        }
        return Dataset(
            name: "two", users: FeatureTable(rowCount: 2), items: FeatureTable(rowCount: 6), interactions: interactions,
            feedback: .rating(minimum: 1, maximum: 5))
    }()

    @Test("each partition's nDCG, HR and MAE on a case worked by hand")
    func byHand() throws {
        var config = ColdStartConfig()
        config.shots = [1]
        config.split = SplitFractions(train: 0.5, validation: 0, test: 0.5)
        config.minimumQuery = 1
        config.bootstrapResamples = 10
        config.partitions = PartitionConfig()
        config.partitions?.cutoffShare = 0.5
        let introduction = try ItemIntroduction(times: [.min, .min, .min, 100, 100, 100], itemCount: 6)
        let protocolRun = ColdStartProtocol(
            dataset: Self.twoUsers, config: config, random: RandomSource(seed: 1), itemIntroduction: introduction)
        #expect(protocolRun.partitions?.cutoff == 100)
        let log = SpyLog()
        // The spy ranks lower item ids first and predicts a rating of 3 for everything.
        var spy = SpyRecommender(log: log)
        spy.score = { _, item in -Float(item.index) }
        let measurements = try protocolRun.run(
            spy, metrics: [.ndcg(k: 5), .hitRate(k: 5), .mae], random: RandomSource(seed: 2))
        func value(_ partition: Partition, _ metric: Metric) -> Double? {
            measurements.first {
                $0.protocolName == partition.protocolName && $0.metric == metric && $0.segment == "all"
            }?.value
        }
        let secondOfTwo = 1 / log2(3.0)
        let firstAndThird = (1 + 1 / log2(4.0)) / (1 + 1 / log2(3.0))
        // Warm state: the meta-train user's support is their last interaction before the
        // cut-off (item 1); they rank items 0, 2 and later rated item 2 a 5.
        #expect(abs((value(.warmState, .ndcg(k: 5)) ?? -1) - secondOfTwo) < 1e-12)
        #expect(value(.warmState, .hitRate(k: 5)) == 1)
        #expect(value(.warmState, .mae) == 2)
        // User cold-start: the test user's support is their first interaction (item 0);
        // they rank items 1, 2, rated 2 and 5.
        #expect(abs((value(.userCold, .ndcg(k: 5)) ?? -1) - secondOfTwo) < 1e-12)
        #expect(value(.userCold, .mae) == 1.5)
        // Item cold-start and user-item cold-start: items 3, 4, 5 rated 5, 1, 4; the relevant
        // items 3 and 5 are ranked first and third.
        for partition in [Partition.itemCold, .userItemCold] {
            #expect(abs((value(partition, .ndcg(k: 5)) ?? -1) - firstAndThird) < 1e-12, "\(partition)")
            #expect(value(partition, .hitRate(k: 5)) == 1, "\(partition)")
            #expect(abs((value(partition, .mae) ?? -1) - 5.0 / 3) < 1e-12, "\(partition)")
        }
        #expect(measurements.filter { $0.protocolName != ColdStartProtocol.name }.allSatisfy { $0.n == 1 })
    }
}

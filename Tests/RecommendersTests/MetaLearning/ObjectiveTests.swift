import Foundation
import Learning
import RecData
import Testing

@testable import Recommenders

/// How neural models build their training examples and which objective they train for.
@Suite("Training objectives")
struct ObjectiveTests {
    /// The item of each row of a batch built with item ids on (the last column).
    private func items(_ batch: FeatureBatch) -> [Int] {
        guard case let .codes(codes)? = batch.columns.last else { return [] }
        return codes.map(Int.init)
    }

    private func factory(_ dataset: Dataset, training: TrainingSet, _ change: (inout ObjectiveSettings) -> Void)
        -> MetaTaskFactory
    {
        var objectives = ObjectiveSettings()
        change(&objectives)
        return MetaTaskFactory(
            encoder: FeatureEncoder(dataset: dataset, dimension: 4, itemIDs: true, trainingUsers: training.users),
            dataset: dataset, objectives: objectives, training: training
        )
    }

    @Test(
        "Negatives are never in the user's training history, and there are `negatives` per positive",
        arguments: TrainingObjective.allCases.filter(\.ranks))
    func negativesOutsideHistory(objective: TrainingObjective) {
        let dataset = MetaLearningFixtures.dataset()
        let (training, _, _) = MetaLearningFixtures.split(dataset)
        let factory = factory(dataset, training: training) {
            $0.objective = objective
            $0.negatives = 3
        }
        var settings = MetaLearnerSettings()
        settings.zeroShotShare = 0
        let tasks = factory.trainingTasks(training, settings: settings, random: RandomSource(seed: 3))
        #expect(tasks.count == training.users.count)
        let histories = training.histories.map { Set($0.map(\.item.index)) }
        for task in tasks {
            let rows = items(task.query)
            let positives = rows.count / 4
            let support = items(task.support)
            let owners = histories.filter {
                $0.isSuperset(of: rows.prefix(positives)) && $0.isSuperset(of: support.prefix(support.count / 4))
            }
            #expect(owners.contains { history in rows.dropFirst(positives).allSatisfy { !history.contains($0) } })
        }
        for (position, user) in training.users.enumerated() {
            let known = Set(training.histories[position].map(\.item.index))
            var random = RandomSource(seed: UInt64(position))
            let interactions = Array(training.histories[position].prefix(5))
            let (batch, loss) = factory.labelled(
                user: user, interactions: interactions, known: Set(known.map(ItemID.init(index:))),
                objective: objective, random: &random)
            let rows = items(batch)
            #expect(rows.count == interactions.count * 4)
            #expect(rows.dropFirst(interactions.count).allSatisfy { !known.contains($0) })
            if case let .sampledSoftmax(groups, _) = loss {
                #expect(groups.count == 5 && groups.allSatisfy { $0.count == 4 })
            }
            if case let .bayesianPersonalizedRanking(pairs) = loss { #expect(pairs.count == 15) }
        }
    }

    @Test("The popularity sampler draws in proportion to count^0.75; the uniform one ignores counts")
    func popularitySampler() {
        let dataset = MetaLearningFixtures.dataset(implicit: true)
        var histories = [[Interaction]](repeating: [], count: 3)
        histories[0] = (0..<50).map {
            Interaction(user: UserID(index: 0), item: ItemID(index: 0), time: Int64($0), value: 1)
        }
        let training = TrainingSet(dataset: dataset, users: (0..<3).map(UserID.init(index:)), histories: histories)
        for sampler in NegativeSampler.allCases {
            let factory = factory(dataset, training: training) {
                $0.objective = .bce
                $0.sampler = sampler
                $0.negatives = 2_000
            }
            var random = RandomSource(seed: 9)
            let positive = Interaction(user: UserID(index: 5), item: ItemID(index: 1), time: 0, value: 1)
            let (batch, _) = factory.labelled(
                user: UserID(index: 5), interactions: [positive], known: [ItemID(index: 1)], objective: .bce,
                random: &random)
            let draws = items(batch).dropFirst()
            let share = Double(draws.filter { $0 == 0 }.count) / Double(draws.count)
            // Item 0 has 50 interactions, the other 22 candidates none: (51^0.75) / (51^0.75 + 22).
            let expected = sampler == .popularity ? pow(51, 0.75) / (pow(51, 0.75) + 22) : 1 / 23
            #expect(abs(share - expected) < 0.04, "\(sampler): share \(share), expected \(expected)")
        }
    }

    @Test("Zero-shot tasks at the given share; chronological supports are the first interactions")
    func taskShapes() {
        let dataset = MetaLearningFixtures.dataset()
        var (training, _, _) = MetaLearningFixtures.split(dataset)
        let factory = factory(dataset, training: training) { $0.objective = .mse }
        var settings = MetaLearnerSettings()
        settings.zeroShotShare = 1
        #expect(
            factory.trainingTasks(training, settings: settings, random: RandomSource(seed: 1)).allSatisfy {
                $0.support.rows == 0 && $0.query.rows > 0
            })
        settings.zeroShotShare = 0.3
        let share =
            Double(
                factory.trainingTasks(training, settings: settings, random: RandomSource(seed: 1)).filter {
                    $0.support.rows == 0
                }.count) / 60
        #expect(share > 0.1 && share < 0.5)
        settings.zeroShotShare = 0
        training.chronologicalSupport = true
        for (position, task) in factory.trainingTasks(training, settings: settings, random: RandomSource(seed: 2))
            .enumerated()
        {
            let user = task.support.rows > 0 ? items(task.support) : []
            let history = training.histories.first { Array($0.prefix(user.count)).map(\.item.index) == user }
            #expect(history != nil, "task \(position): the support is not a history's first interactions")
        }
    }

    @Test(
        "auto stands for BPR with ranking metrics only, MSE with rating metrics only, joint with both, BPR without ratings"
    )
    func automatic() {
        #expect(TrainingObjective.automatic(measuresRanking: true, measuresRatings: false, hasRatings: true) == .bpr)
        #expect(TrainingObjective.automatic(measuresRanking: false, measuresRatings: true, hasRatings: true) == .mse)
        #expect(TrainingObjective.automatic(measuresRanking: true, measuresRatings: true, hasRatings: true) == .joint)
        #expect(TrainingObjective.automatic(measuresRanking: true, measuresRatings: true, hasRatings: false) == .bpr)
        let parameters = MAML.descriptor.resolve([:])
        #expect(
            ObjectiveParameters.resolving(parameters, measuresRanking: true, measuresRatings: false, hasRatings: true)
                .string("objective") == "bpr")
        #expect(
            ObjectiveParameters.problem(in: MAML.descriptor.resolve(["objective": .string("mse")]), hasRatings: false)?
                .parameter == "objective")
        #expect(
            ObjectiveParameters.problem(
                in: MAML.descriptor.resolve(["objective": .string("bpr"), "negatives": .int(0)]), hasRatings: true)?
                .parameter == "negatives")
        #expect(
            ObjectiveParameters.problem(
                in: MAML.descriptor.resolve(["objective": .string("joint"), "inner_objective": .string("bpr")]),
                hasRatings: true)?.parameter == "inner_objective")
        #expect(
            ObjectiveParameters.problem(in: MAML.descriptor.resolve(["objective": .string("bpr")]), hasRatings: true)
                == nil)
    }

    @Test(
        "Every objective trains every kind of meta-learner and the fine-tuned network to finite scores",
        arguments: TrainingObjective.allCases)
    func everyObjectiveTrains(objective: TrainingObjective) throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        for name in ["maml", "meta-sgd", "reptile", "adapter"] {
            var model = MetaLearningFixtures.model(name, ["objective": .string(objective.rawValue), "epochs": .int(2)])
            var random = RandomSource(seed: 1)
            try model.fit(training, validation: validation, random: &random)
            #expect(model.objectivesUsed?.objective == objective)
            let personalized = try model.adapt(to: test[0].support, user: test[0].user)
            #expect(personalized.scores(for: dataset.allItems).allSatisfy { $0.isFinite })
            #expect((personalized.predictedRatings(for: dataset.allItems) != nil) == objective.needsRatings, "\(name)")
        }
        let descriptor = ModelRegistry.builtIn.descriptor(named: "fine-tuned-network")!
        var network = descriptor.make(
            descriptor.resolve([
                "objective": .string(objective.rawValue), "epochs": .int(2), "embedding_dim": .int(4),
                "hidden_width": .int(8),
            ]), 1)
        var random = RandomSource(seed: 1)
        try network.fit(training, validation: validation, random: &random)
        #expect((network as? NetworkBaseline)?.objectivesUsed?.objective == objective)
        let scores = try network.adapt(to: test[0].support, user: test[0].user).scores(for: dataset.allItems)
        #expect(scores.allSatisfy { $0.isFinite })
    }

    @Test(
        "Numeric features are standardized with the meta-train users' statistics; identifier-like categories are left out"
    )
    func inputs() {
        var users = FeatureTable(rowCount: 6)
        users.append("zip", .categorical([0, 1, 2, 3, 4, 4], cardinality: 5))
        users.append("region", .categorical([0, 0, 1, 1, 2, 2], cardinality: 3))
        users.append("income", .numeric([10, 20, 30, 40, 1_000, 2_000]))
        var items = FeatureTable(rowCount: 2)
        items.append("price", .numeric([5, 25]))
        let dataset = Dataset(name: "t", users: users, items: items, interactions: [], feedback: .implicit)
        let encoder = FeatureEncoder(
            dataset: dataset, dimension: 2, itemIDs: false, trainingUsers: (0..<4).map(UserID.init(index:)))
        #expect(encoder.droppedFeatures == ["zip"])
        #expect(encoder.fields.count == 3)
        let batch = encoder.batch(user: UserID(index: 0), items: [ItemID(index: 0), ItemID(index: 1)])
        guard case let .dense(income) = batch.columns[1], case let .dense(price) = batch.columns[2] else {
            Issue.record("expected dense columns")
            return
        }
        // Meta-train incomes 10…40: mean 25, sd √125.
        #expect(abs(income.storage[0] - (10 - 25) / Float(125).squareRoot()) < 1e-5)
        #expect(price.storage == [-1, 1])
        #expect(!FeatureEncoder.isIdentifierLike(.categorical([0, 0, 1, 1, 2, 3], cardinality: 4)))
    }

    @Test(
        "MeLU at its defaults moves its predictions when it adapts; at the paper's rates (preset: paper) it barely does"
    )
    func meluAdapts() throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        var shifts = [String: Double]()
        for preset in ["toolkit", "paper"] {
            var model = MetaLearningFixtures.model("melu", ["preset": .string(preset), "objective": .string("mse")])
            var random = RandomSource(seed: 1)
            try model.fit(training, validation: validation, random: &random)
            var total = 0.0
            for task in test {
                let before = try model.adapt(to: [], user: task.user).scores(for: dataset.allItems)
                let after = try model.adapt(to: task.support, user: task.user).scores(for: dataset.allItems)
                total += zip(before, after).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(before.count)
            }
            shifts[preset] = total / Double(test.count)
        }
        #expect((shifts["toolkit"] ?? 0) > 0.02, "mean shift \(shifts)")
        #expect((shifts["paper"] ?? 1) < 1e-3, "mean shift \(shifts)")
    }
}

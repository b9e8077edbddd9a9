import Learning
import RecData
import Testing

@testable import Recommenders

/// iMAML, the Bayesian head and ANIL's head-only scope on the tiny world: what adapts,
/// how the Bayesian head serves (mean, Thompson, UCB) and updates exactly.
@Suite("iMAML, Bayesian head and head-only adaptation")
struct NewMetaLearnerTests {
    private func fitted(_ name: String, _ extra: [String: ParameterValue] = [:], implicit: Bool = false) throws -> (
        MetaLearner, Dataset, [UserTask]
    ) {
        let dataset = MetaLearningFixtures.dataset(implicit: implicit)
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        // Rated data regresses ratings here (one output, no sampled negatives), so that a
        // posterior updated one observation at a time can equal one updated at once.
        var parameters = extra
        if !implicit && parameters["objective"] == nil { parameters["objective"] = .string("mse") }
        var model = MetaLearningFixtures.model(name, parameters)
        var random = RandomSource(seed: 5)
        try model.fit(training, validation: validation, random: &random)
        return (model, dataset, test)
    }

    private func changedTensors(_ model: MetaLearner, _ task: UserTask) throws -> Set<Int> {
        let trained = try #require(model.trained)
        let adapted = try model.adaptedUser(to: task.support, user: task.user).parameters
        return Set((0..<trained.parameters.count).filter { trained.parameters[$0] != adapted[$0] })
    }

    @Test("adapt: head changes the output layer alone; decision the dense layers; iMAML all adapts embeddings too")
    func scopes() throws {
        let (head, _, test) = try fitted("maml", ["adapt": .string("head"), "inner_lr": .double(0.05)])
        let network = try #require(head.trained).network
        #expect(try changedTensors(head, test[1]) == Set(network.headIndices))
        #expect(head.adaptedParameterCount == 8 + 1)
        let (decision, _, _) = try fitted("maml", ["adapt": .string("decision"), "inner_lr": .double(0.05)])
        let changed = try changedTensors(decision, test[1])
        #expect(changed.isSubset(of: Set(network.decisionIndices)) && changed.count > 2)
        let (imaml, _, _) = try fitted("imaml")
        #expect(!(try changedTensors(imaml, test[1])).isDisjoint(with: Set(network.encoderIndices)))
        let (imamlHead, _, _) = try fitted("imaml", ["adapt": .string("head")])
        #expect(try changedTensors(imamlHead, test[1]) == Set(network.headIndices))
    }

    @Test("The Bayesian head's mean user scores as its posterior mean; adapting changes only the head")
    func bayesianMean() throws {
        let (model, dataset, test) = try fitted("bayesian-head")
        let network = try #require(model.trained).network
        #expect(try changedTensors(model, test[0]) == Set(network.headIndices))
        let served = try #require(try model.adapt(to: test[0].support, user: test[0].user) as? BayesianHeadUser)
        let mean = try model.adaptedUser(to: test[0].support, user: test[0].user).scores(for: dataset.allItems)
        for (a, b) in zip(served.scores(for: dataset.allItems), mean) { #expect(abs(a - b) < 1e-3) }
        #expect(model.adaptedParameterCount == 8 + 1)
    }

    @Test("Observing updates the posterior exactly: one observation at a time equals all at once")
    func bayesianObserve() throws {
        let (model, dataset, test) = try fitted("bayesian-head")
        let task = test[2]
        var stepwise = try #require(
            try model.adapt(to: Array(task.support.prefix(2)), user: task.user) as? BayesianHeadUser)
        for interaction in task.support.dropFirst(2) { try stepwise.observe([interaction]) }
        let batch = try #require(try model.adapt(to: task.support, user: task.user) as? BayesianHeadUser)
        for (a, b) in zip(stepwise.posterior.mean, batch.posterior.mean) { #expect(abs(a - b) < 1e-9 * max(1, abs(b))) }
        let before = batch.scores(for: dataset.allItems)
        var after = batch
        try after.observe(Array(task.query.prefix(3)))
        #expect(after.scores(for: dataset.allItems) != before)
    }

    @Test("UCB adds the posterior deviation; Thompson draws differ from the mean and change after an observation")
    func exploration() throws {
        let (mean, dataset, test) = try fitted("bayesian-head")
        let (ucb, _, _) = try fitted("bayesian-head", ["exploration": .string("ucb"), "ucb_weight": .double(2)])
        let (thompson, _, _) = try fitted("bayesian-head", ["exploration": .string("thompson")])
        let task = test[3]
        let items = dataset.allItems
        let meanScores = try mean.adapt(to: task.support, user: task.user).scores(for: items)
        let ucbScores = try ucb.adapt(to: task.support, user: task.user).scores(for: items)
        #expect(zip(ucbScores, meanScores).allSatisfy { $0 > $1 }, "a bound lies above the mean")
        var drawn = try thompson.adapt(to: task.support, user: task.user)
        let first = drawn.scores(for: items)
        #expect(first != meanScores)
        #expect(drawn.scores(for: items) == first, "the same draw until the next observation")
        try drawn.observe([task.query[0]])
        #expect(drawn.scores(for: items) != first)
    }

    @Test("Implicit feedback: the Bayesian head regresses labels and predicts no ratings")
    func bayesianImplicit() throws {
        let (model, dataset, test) = try fitted("bayesian-head", implicit: true)
        let served = try model.adapt(to: test[0].support, user: test[0].user)
        #expect(served.predictedRatings(for: [ItemID(0)]) == nil)
        #expect(served.scores(for: dataset.allItems).allSatisfy { $0.isFinite })
    }
}

// MARK: - Continual meta-updates

extension NewMetaLearnerTests {
    @Test(
        "meta_update: online changes the fitted model (initialization and rates or prior); none leaves it",
        arguments: ["maml", "meta-sgd", "bayesian-head", "imaml"])
    func continualMetaUpdate(name: String) throws {
        let (online, _, test) = try fitted(
            name, ["meta_update": .string("online"), "meta_steps": .int(3), "meta_lr": .double(0.01)])
        var updated = online
        try updated.metaUpdate(on: test, random: RandomSource(seed: 9))
        let before = try #require(online.trained)
        let after = try #require(updated.trained)
        #expect(after.parameters != before.parameters)
        #expect(after.rule.outerParameters != before.rule.outerParameters || before.rule.outerParameters == nil)
        var again = online
        try again.metaUpdate(on: test, random: RandomSource(seed: 9))
        #expect(again.trained?.parameters == after.parameters, "deterministic")
        let (plain, _, _) = try fitted(name)
        var untouched = plain
        try untouched.metaUpdate(on: test, random: RandomSource(seed: 9))
        #expect(untouched.trained?.parameters == plain.trained?.parameters)
        #expect(!plain.updatesOnline && online.updatesOnline)
    }
}

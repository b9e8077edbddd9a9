import Learning
import RecData
import Testing

@testable import Recommenders

@Suite("Meta-learners end to end on a tiny world")
struct MetaLearnerTests {
    static let names = ["maml", "fomaml", "reptile", "meta-sgd", "melu", "adapter", "imaml", "bayesian-head"]

    @Test("Registered", arguments: names)
    func registered(name: String) {
        let descriptor = ModelRegistry.builtIn.descriptor(named: name)
        #expect(descriptor != nil)
        #expect(descriptor?.make(descriptor!.resolve([:]), 1).name == name)
    }

    @Test("Fit, adapt, score every candidate, predict ratings on the scale, deterministically", arguments: names)
    func lifecycle(name: String) throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        var first = MetaLearningFixtures.model(name)
        var second = first
        var random1 = RandomSource(seed: 3)
        var random2 = RandomSource(seed: 3)
        try first.fit(training, validation: validation, random: &random1)
        try second.fit(training, validation: validation, random: &random2)
        let task = test[0]
        let candidates = dataset.allItems
        let personalized = try first.adapt(to: task.support, user: task.user)
        let scores = personalized.scores(for: candidates)
        #expect(scores.count == candidates.count)
        #expect(scores.allSatisfy { $0.isFinite })
        #expect(Set(scores).count > 1, "scores should tell items apart")
        #expect(scores == (try second.adapt(to: task.support, user: task.user)).scores(for: candidates))
        let ratings = try #require(personalized.predictedRatings(for: task.query.map(\.item)))
        #expect(ratings.count == task.query.count)
        #expect(ratings.allSatisfy { (1...5).contains($0) })
        #expect((first.epochsRun ?? 0) >= 1)
    }

    @Test("Adapting changes exactly the scope's tensors")
    func adaptationScopes() throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        for (name, extra) in [
            ("melu", ["inner_lr": ParameterValue.double(0.05)]), ("adapter", [:]),
            ("maml", ["inner_lr": .double(0.05)]),
        ] {
            var model = MetaLearningFixtures.model(name, extra)
            var random = RandomSource(seed: 5)
            try model.fit(training, validation: validation, random: &random)
            let trained = try #require(model.trained)
            let adapted = try model.adaptedUser(to: test[1].support, user: test[1].user).parameters
            let changed = Set((0..<trained.parameters.count).filter { trained.parameters[$0] != adapted[$0] })
            let network = trained.network
            switch name {
            case "melu": #expect(changed.isSubset(of: Set(network.decisionIndices)) && !changed.isEmpty)
            case "adapter": #expect(changed == Set(network.adapterIndices))
            default: #expect(!changed.isDisjoint(with: Set(network.encoderIndices)))
            }
        }
    }

    @Test(
        "MAML's and FOMAML's inner rate is the toolkit's 0.5 by default and Finn et al.'s 0.01 with preset: paper, unless given"
    )
    func mamlPreset() {
        for name in ["maml", "fomaml"] {
            #expect(MetaLearningFixtures.model(name, [:]).settings.innerLearningRate == 0.5)
            #expect(MetaLearningFixtures.model(name, ["preset": .string("paper")]).settings.innerLearningRate == 0.01)
            #expect(
                MetaLearningFixtures.model(name, ["preset": .string("paper"), "inner_lr": .double(0.2)]).settings
                    .innerLearningRate == 0.2)
        }
    }

    @Test(
        "Reptile adapts with Adam at 0.01 and evaluates with its 5 inner steps by default; preset: paper gives Nichol et al.'s 0.001 and 50 steps, unless given"
    )
    func reptilePreset() {
        let toolkit = MetaLearningFixtures.model("reptile", [:])
        #expect(toolkit.settings.innerLearningRate == 0.01 && toolkit.adaptationSteps == 5)
        let paper = MetaLearningFixtures.model("reptile", ["preset": .string("paper")])
        #expect(paper.settings.innerLearningRate == 0.001 && paper.adaptationSteps == 50)
        let given = MetaLearningFixtures.model(
            "reptile", ["preset": .string("paper"), "inner_lr": .double(0.02), "eval_steps": .int(7)])
        #expect(given.settings.innerLearningRate == 0.02 && given.adaptationSteps == 7)
    }

    @Test("Adapted parameter counts of the adapters")
    func adaptedCounts() throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, _) = MetaLearningFixtures.split(dataset)
        var film = MetaLearningFixtures.model("adapter", ["epochs": .int(1), "kind": .string("film")])
        var lowRank = MetaLearningFixtures.model(
            "adapter", ["epochs": .int(1), "kind": .string("low-rank"), "rank": .int(2)])
        var random = RandomSource(seed: 1)
        try film.fit(training, validation: validation, random: &random)
        try lowRank.fit(training, validation: validation, random: &random)
        #expect(film.adaptedParameterCount == 2 * 8)
        // Input: group (4) + category (4) + price (1) = 9 wide; hidden 8.
        #expect(lowRank.adaptedParameterCount == 2 * (9 + 8))
        #expect((film.parameterCount ?? 0) > 100)
    }

    @Test("Divergence throws a clear error")
    func divergence() throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, _) = MetaLearningFixtures.split(dataset)
        var model = MetaLearningFixtures.model(
            "maml", ["inner_lr": .double(10), "inner_steps": .int(10), "clip_norm": .double(0)])
        var random = RandomSource(seed: 1)
        #expect {
            try model.fit(training, validation: validation, random: &random)
        } throws: { error in
            guard let error = error as? MetaLearningError, case .diverged = error else { return false }
            return error.description.contains("maml diverged")
        }
    }

    @Test("Early stopping follows the validation users")
    func earlyStopping() throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, _) = MetaLearningFixtures.split(dataset)
        var frozen = MetaLearningFixtures.model(
            "maml", ["meta_lr": .double(0), "epochs": .int(6), "patience": .int(2)])
        var random = RandomSource(seed: 1)
        try frozen.fit(training, validation: validation, random: &random)
        #expect(frozen.epochsRun == 1, "nothing improves after the first epoch when the meta-rate is 0")
        var learning = MetaLearningFixtures.model(
            "maml", ["meta_lr": .double(0.01), "epochs": .int(6), "patience": .int(6)])
        try learning.fit(training, validation: validation, random: &random)
        #expect((learning.epochsRun ?? 0) > 1)
    }

    @Test("Implicit feedback trains on sampled negatives and predicts no ratings")
    func implicitFeedback() throws {
        let dataset = MetaLearningFixtures.dataset(implicit: true)
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        var model = MetaLearningFixtures.model("melu", ["inner_lr": .double(0.05), "meta_lr": .double(0.01)])
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: validation, random: &random)
        let personalized = try model.adapt(to: test[0].support, user: test[0].user)
        #expect(personalized.predictedRatings(for: [ItemID(0)]) == nil)
        #expect(personalized.scores(for: dataset.allItems).allSatisfy { $0.isFinite })
    }

    @Test("Observing feedback adapts further")
    func observe() throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        var model = MetaLearningFixtures.model("maml", ["inner_lr": .double(0.05)])
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: validation, random: &random)
        var personalized = try model.adapt(to: test[2].support, user: test[2].user)
        let before = personalized.scores(for: dataset.allItems)
        try personalized.observe(Array(test[2].query.prefix(3)))
        #expect(personalized.scores(for: dataset.allItems) != before)
    }

    @Test("An observation costs at most AdaptationRule.onlineSteps inner-loop steps, whatever the rule's budget")
    func boundedObservation() throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, _) = MetaLearningFixtures.split(dataset)
        var model = MetaLearningFixtures.model("reptile", ["preset": .string("paper")])
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: validation, random: &random)
        let rule = try #require(model.trained?.rule)
        // Reptile at the paper's settings adapts with 50 Adam steps; an observation takes 5 of them.
        #expect(rule.loop.steps > AdaptationRule.onlineSteps)
        let online = rule.limited(to: AdaptationRule.onlineSteps)
        #expect(online.loop.steps == AdaptationRule.onlineSteps)
        #expect(
            online.loop.learningRate == rule.loop.learningRate && online.loop.adaptedIndices == rule.loop.adaptedIndices
        )
        #expect(rule.limited(to: 10_000).loop.steps == rule.loop.steps)
    }
}

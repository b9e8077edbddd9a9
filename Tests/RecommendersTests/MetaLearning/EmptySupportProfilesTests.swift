import Learning
import RecData
import Testing

@testable import Recommenders

/// The feature networks adapted to nothing serve users by their features alone: users with
/// one profile key get the same scores and ratings bit for bit, which lets the cold-start
/// protocol adapt one user per profile at K = 0. A Thompson-sampling head does not.
@Suite("Users adapted to nothing, per profile")
struct EmptySupportProfilesTests {
    /// `name` fitted on the tiny world, whose users differ only by their group (3 profiles).
    private func fitted(_ name: String, _ extra: [String: ParameterValue] = [:]) throws -> any Recommender {
        let descriptor = try #require(ModelRegistry.builtIn.descriptor(named: name))
        var model = descriptor.make(descriptor.resolve(MetaLearningFixtures.parameters(extra)), 1)
        #expect((model as? any EmptySupportProfiles)?.emptySupportProfile(of: UserID(index: 0)) == nil)
        let (training, validation, _) = MetaLearningFixtures.split(MetaLearningFixtures.dataset())
        var random = RandomSource(seed: 3)
        try model.fit(training, validation: validation, random: &random)
        return model
    }

    /// Two users of each profile, with different ids.
    private func pairs(_ model: any EmptySupportProfiles) throws -> [(UserID, UserID)] {
        let users = (0..<MetaLearningFixtures.users).map(UserID.init(index:))
        let byProfile = Dictionary(grouping: users) { model.emptySupportProfile(of: $0) ?? [] }
        #expect(byProfile.count == 3)
        return byProfile.values.map { ($0[0], $0[$0.count - 1]) }
    }

    @Test(
        "users of one profile, adapted to nothing, score any items and predict ratings alike",
        arguments: [
            ("maml", ""), ("melu", ""), ("adapter", ""), ("imaml", ""), ("bayesian-head", "none"),
            ("bayesian-head", "ucb"), ("fine-tuned-network", ""),
        ])
    func sameProfileSameScores(name: String, exploration: String) throws {
        let model = try fitted(name, exploration.isEmpty ? [:] : ["exploration": .string(exploration)])
        let profiles = try #require(model as? any EmptySupportProfiles)
        let items = MetaLearningFixtures.dataset().allItems
        let few = [items[9], items[2], items[17]]
        for (first, second) in try pairs(profiles) {
            #expect(first != second)
            let (a, b) = (try model.adapt(to: [], user: first), try model.adapt(to: [], user: second))
            #expect(a.scores(for: few) == b.scores(for: few), "\(name): few items")
            #expect(a.scores(for: items) == b.scores(for: items), "\(name): the catalogue")
            #expect(a.predictedRatings(for: few) == b.predictedRatings(for: few), "\(name): ratings")
        }
    }

    @Test("a Thompson-sampling head gives no profile: its users of one profile draw different weights")
    func thompsonNotShared() throws {
        let thompson = try fitted("bayesian-head", ["exploration": .string("thompson")])
        let profiles = try #require(thompson as? any EmptySupportProfiles)
        #expect(profiles.emptySupportProfile(of: UserID(index: 0)) == nil)
        // Users of one profile under the posterior mean, scored by the Thompson head.
        let mean = try #require(try fitted("bayesian-head") as? any EmptySupportProfiles)
        let items = MetaLearningFixtures.dataset().allItems
        let (first, second) = try #require(try pairs(mean).first)
        #expect(
            try thompson.adapt(to: [], user: first).scores(for: items)
                != thompson.adapt(to: [], user: second).scores(for: items))
    }
}

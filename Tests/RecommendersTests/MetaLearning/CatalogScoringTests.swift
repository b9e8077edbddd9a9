import Learning
import RecData
import Testing

@testable import Recommenders

/// Scoring a user's candidates through the catalogue's outputs: the catalogue's item inputs
/// are encoded once, every item is scored once per adapted state, and the candidates'
/// scores are read from those outputs.
@Suite("Scoring through the catalogue's outputs")
struct CatalogScoringTests {
    /// The tiny world with a list feature and a dense embedding on the items besides their
    /// category and price, and a numeric and a list feature on the users: every kind of column.
    private func dataset() -> Dataset {
        let base = MetaLearningFixtures.dataset()
        var users = base.users
        users.append("age", .numeric((0..<base.userCount).map { Float($0 % 7) }))
        users.append(
            "interests",
            .multiValued((0..<base.userCount).map { [Int32($0 % 7 % 4), Int32($0 % 7 % 3)] }, cardinality: 4))
        var items = base.items
        items.append("tags", .multiValued((0..<base.itemCount).map { [Int32($0 % 5), Int32($0 % 3)] }, cardinality: 5))
        items.append("content", .dense((0..<(3 * base.itemCount)).map { Float($0 % 11) / 4 }, dimension: 3))
        return Dataset(
            name: "tiny-features", users: users, items: items, interactions: base.interactions,
            feedback: base.feedback)
    }

    @Test("The catalogue's batch is the batch of every item in id order, and its slices those of their items")
    func catalogueBatch() {
        let dataset = dataset()
        for itemIDs in [false, true] {
            let encoder = FeatureEncoder(dataset: dataset, dimension: 3, itemIDs: itemIDs)
            for user in [UserID(index: 0), UserID(index: 41)] {
                #expect(encoder.catalogBatch(user: user) == encoder.batch(user: user, items: dataset.allItems))
                let slice = 5..<17
                #expect(
                    encoder.catalogBatch(user: user, items: slice)
                        == encoder.batch(user: user, items: slice.map(ItemID.init(index:))))
            }
        }
    }

    @Test("A batch gathers each column row by row: the user's values on every row, each item's in the order given")
    func batchGathersRows() {
        let dataset = dataset()
        let items = [17, 3, 3, 0, 23, 9].map(ItemID.init(index:))
        let user = UserID(index: 41)
        for itemIDs in [false, true] {
            let encoder = FeatureEncoder(dataset: dataset, dimension: 3, itemIDs: itemIDs)
            let batch = encoder.batch(user: user, items: items)
            let catalogue = encoder.catalogBatch(user: user)
            #expect(batch.rows == items.count)
            #expect(
                batch.columns.count == dataset.users.columns.count + dataset.items.columns.count + (itemIDs ? 1 : 0))
            // The user's standardized values, read from its profile (codes and value bit patterns).
            var profile = encoder.profile(of: user)[...]
            var userRows = [[Float]]()
            for (_, column) in dataset.users.columns {
                switch column {
                case .categorical: profile = profile.dropFirst()
                case .multiValued: profile = profile.dropFirst(1 + Int(profile.first ?? 0))
                case .numeric, .dense:
                    let width: Int
                    if case let .dense(_, dimension) = column { width = dimension } else { width = 1 }
                    userRows.append(profile.prefix(width).map(Float.init(bitPattern:)))
                    profile = profile.dropFirst(width)
                }
            }
            let sources =
                dataset.users.columns.map { ($0.column, Array(repeating: user.index, count: items.count)) }
                + dataset.items.columns.map { ($0.column, items.map(\.index)) }
            for (index, (source, rows)) in sources.enumerated() {
                switch (source, batch.columns[index]) {
                case let (.categorical(values, _), .codes(codes)):
                    #expect(codes == rows.map { values[$0] })
                case let (.multiValued(values, _), .lists(lists)):
                    #expect(lists == CodeLists(rows.map { values[$0] }))
                case let (.numeric, .dense(matrix)), let (.dense, .dense(matrix)):
                    // Standardized values: the user's on every row, each item's that of its row of the catalogue.
                    guard case let .dense(all) = catalogue.columns[index] else {
                        Issue.record("column \(index) of the catalogue is not dense")
                        continue
                    }
                    let width = all.columns
                    let expected =
                        index < dataset.users.columns.count
                        ? Array(repeating: userRows.removeFirst(), count: items.count).flatMap { $0 }
                        : rows.flatMap { all.storage[($0 * width)..<(($0 + 1) * width)] }
                    #expect(matrix.rows == items.count && matrix.columns == width && matrix.storage == expected)
                default:
                    Issue.record("column \(index) has the wrong kind")
                }
            }
            if itemIDs {
                #expect(batch.columns.last == .codes(items.map { Int32($0.index) }))
            }
        }
    }

    /// A fitted model's user on the feature-rich world.
    private func served<User>(_ name: String, _ extra: [String: ParameterValue] = [:], as type: User.Type) throws -> (
        user: User, test: [UserTask], items: [ItemID]
    ) {
        let dataset = dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        var model = MetaLearningFixtures.model(name, extra.merging(["inner_lr": .double(0.05)]) { old, _ in old })
        var random = RandomSource(seed: 3)
        try model.fit(training, validation: validation, random: &random)
        let personalized = try model.adapt(to: test[1].support, user: test[1].user)
        return (try #require(personalized as? User), test, dataset.allItems)
    }

    /// A fitted model's adapted user on the feature-rich world.
    private func adaptedUser(_ name: String) throws -> (user: AdaptedUser, test: [UserTask], items: [ItemID]) {
        try served(name, as: AdaptedUser.self)
    }

    private func expectClose(_ fast: [Float], _ slow: [Float], _ comment: Comment) {
        #expect(fast.count == slow.count)
        for (a, b) in zip(fast, slow) {
            #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "\(comment): \(a) against \(b)")
        }
    }

    @Test("Candidates read from the catalogue's outputs score as when scored alone", arguments: ["maml", "melu"])
    func sameScores(model: String) throws {
        let (user, _, items) = try adaptedUser(model)
        let few = [items[7], items[2], items[19]]
        let alone = user.scores(for: few)
        let ratingsAlone = try #require(user.predictedRatings(for: few))
        let all = user.scores(for: items)
        expectClose(few.map { all[$0.index] }, alone, "the catalogue against the items alone")
        let reversed = Array(items.reversed())
        #expect(user.scores(for: reversed) == all.reversed())
        let cached = user.scores(for: few)
        #expect(cached == few.map { all[$0.index] })
        expectClose(try #require(user.predictedRatings(for: few)), ratingsAlone, "ratings")
    }

    @Test("Adapting further discards the catalogue's outputs")
    func observeDiscards() throws {
        var (user, test, items) = try adaptedUser("maml")
        let before = user.scores(for: items)
        try user.observe(Array(test[1].query.prefix(3)))
        let copy = user
        let few = Array(items.prefix(4))
        let alone = copy.scores(for: few)
        let after = user.scores(for: items)
        #expect(after != before)
        expectClose(few.map { after[$0.index] }, alone, "after observing")
    }

    @Test(
        "A Bayesian head scores candidates and predicts ratings from the catalogue's representation as from the items' own, round after round",
        arguments: ["none", "ucb", "thompson"])
    func bayesianHead(exploration: String) throws {
        var (user, test, items) = try served(
            "bayesian-head", ["exploration": .string(exploration)], as: BayesianHeadUser.self)
        let few = [items[11], items[3], items[20]]
        for round in 0..<2 {
            let fresh = user
            let alone = fresh.scores(for: few)
            let ratingsAlone = try #require(fresh.predictedRatings(for: few))
            let all = user.scores(for: items)
            expectClose(few.map { all[$0.index] }, alone, "round \(round): the catalogue against the items alone")
            #expect(user.scores(for: few) == few.map { all[$0.index] })
            expectClose(try #require(user.predictedRatings(for: few)), ratingsAlone, "round \(round): ratings")
            try user.observe(Array(test[1].query.prefix(2)))
            #expect(user.scores(for: items) != all)
        }
    }
}

// MARK: - Per user profile

extension CatalogScoringTests {
    @Test("Users of one profile get one catalogue batch; users of different profiles different profiles")
    func profiles() {
        let dataset = dataset()
        let encoder = FeatureEncoder(dataset: dataset, dimension: 3, itemIDs: false)
        let users = (0..<dataset.userCount).map(UserID.init(index:))
        let byProfile = Dictionary(grouping: users) { encoder.profile(of: $0) }
        #expect(byProfile.count > 1 && byProfile.count < users.count)
        for (_, group) in byProfile where group.count > 1 {
            #expect(encoder.catalogBatch(user: group[0]) == encoder.catalogBatch(user: group[1]))
        }
        let representatives = byProfile.values.map { $0[0] }
        for (a, b) in zip(representatives, representatives.dropFirst()) {
            #expect(encoder.catalogBatch(user: a) != encoder.catalogBatch(user: b))
        }
    }

    @Test("A profile's value is computed once, kept up to the limit, and computed every time beyond it")
    func profileCache() {
        let cache = ProfileCatalogCache(limit: 6)
        var computed = 0
        let value = { (fill: Float) -> Matrix in
            computed += 1
            return Matrix(rows: 2, columns: 2, storage: [fill, fill, fill, fill])
        }
        #expect(cache.value(for: [1]) { value(1) } == Matrix(rows: 2, columns: 2, storage: [1, 1, 1, 1]))
        #expect(cache.value(for: [1]) { value(9) } == Matrix(rows: 2, columns: 2, storage: [1, 1, 1, 1]))
        #expect(computed == 1 && cache.count == 1)
        #expect(cache.value(for: [2]) { value(2) }.storage == [2, 2, 2, 2])
        #expect(cache.value(for: [2]) { value(3) }.storage == [3, 3, 3, 3], "beyond the limit nothing is kept")
        #expect(computed == 3 && cache.count == 1)
    }

    @Test(
        "A Bayesian head's users of one profile share the catalogue's representation, made from the model's first-layer rows: the scores each computes alone"
    )
    func bayesianHeadProfiles() throws {
        let dataset = dataset()
        let (training, validation, _) = MetaLearningFixtures.split(dataset)
        var model = MetaLearningFixtures.model("bayesian-head", [:])
        var random = RandomSource(seed: 3)
        try model.fit(training, validation: validation, random: &random)
        let trained = try #require(model.trained)
        let encoder = trained.factory.encoder
        let users = (0..<dataset.userCount).map(UserID.init(index:))
        let group = try #require(Dictionary(grouping: users) { encoder.profile(of: $0) }.values.first { $0.count > 1 })
        let support = { (user: UserID) in Array(dataset.interactions.filter { $0.user == user }.prefix(3)) }
        let items = dataset.allItems
        let prior = try #require(trained.gaussianPrior)
        for user in group.prefix(3) {
            let shared = try model.bayesianUser(to: support(user), user: user, exploration: .none)
            let alone = try #require(
                BayesianHeadUser(
                    user: user, support: support(user), parameters: trained.parameters, network: trained.network,
                    factory: trained.factory, prior: prior, exploration: .none, profiles: ProfileCatalogCache(),
                    firstLayers: nil))
            #expect(shared.scores(for: items) == alone.scores(for: items), "user \(user)")
            #expect(shared.predictedRatings(for: items) == alone.predictedRatings(for: items), "user \(user)")
        }
        #expect(trained.profileCatalogs.count == 1)
        #expect(trained.firstLayers.isComputed)
    }
}

extension CatalogScoringTests {
    @Test(
        "An adapter's users share the catalogue's first-layer rows, whatever their profile: the scores each computes alone"
    )
    func adapterFirstLayers() throws {
        let dataset = dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        var model = MetaLearningFixtures.model("adapter", ["inner_lr": .double(0.05)])
        var random = RandomSource(seed: 3)
        try model.fit(training, validation: validation, random: &random)
        let trained = try #require(model.trained)
        #expect(AdaptedUser.keepsFirstLayer(trained.rule, network: trained.network))
        let encoder = trained.factory.encoder
        let users = Dictionary(grouping: test) { encoder.profile(of: $0.user) }.values.prefix(3).map { $0[0] }
        #expect(users.count == 3)
        let items = dataset.allItems
        for task in users {
            var shared = trained.adaptedUser(to: task.support, user: task.user)
            var alone = AdaptedUser(
                user: task.user, parameters: shared.parameters, network: trained.network, factory: trained.factory,
                rule: trained.observationRule, seen: task.support, firstLayers: nil)
            #expect(shared.scores(for: items) == alone.scores(for: items), "user \(task.user)")
            try shared.observe(Array(task.query.prefix(2)))
            try alone.observe(Array(task.query.prefix(2)))
            #expect(shared.scores(for: items) == alone.scores(for: items), "user \(task.user) after observing")
        }
        #expect(trained.firstLayers.isComputed)
        var maml = MetaLearningFixtures.model("maml", [:])
        try maml.fit(training, validation: validation, random: &random)
        let mamlTrained = try #require(maml.trained)
        #expect(!AdaptedUser.keepsFirstLayer(mamlTrained.rule, network: mamlTrained.network))
    }
}

extension CatalogScoringTests {
    @Test(
        "Users adapted to nothing share the catalogue's outputs per profile and its first-layer rows across profiles: the scores each computes alone, before and after observing",
        arguments: ["maml", "adapter"])
    func unadaptedProfiles(name: String) throws {
        let dataset = dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        var model = MetaLearningFixtures.model(name, ["inner_lr": .double(0.05)])
        var random = RandomSource(seed: 3)
        try model.fit(training, validation: validation, random: &random)
        let trained = try #require(model.trained)
        let encoder = trained.factory.encoder
        let group = try #require(
            Dictionary(grouping: test) { encoder.profile(of: $0.user) }.values.first { $0.count > 1 })
        let items = dataset.allItems
        for task in group.prefix(3) {
            var shared = trained.adaptedUser(to: [], user: task.user)
            #expect(shared.parameters == trained.parameters)
            var alone = AdaptedUser(
                user: task.user, parameters: trained.parameters, network: trained.network, factory: trained.factory,
                rule: trained.observationRule, seen: [], firstLayers: nil)
            #expect(shared.scores(for: items) == alone.scores(for: items), "user \(task.user)")
            #expect(shared.predictedRatings(for: items) == alone.predictedRatings(for: items))
            try shared.observe(Array(task.query.prefix(2)))
            try alone.observe(Array(task.query.prefix(2)))
            #expect(shared.scores(for: items) == alone.scores(for: items), "user \(task.user) after observing")
        }
        #expect(trained.unadaptedOutputs.count == 1)
        #expect(trained.firstLayers.isComputed, "the first layer's rows are the model's while nothing is adapted")
        let other = try #require(test.first { encoder.profile(of: $0.user) != encoder.profile(of: group[0].user) })
        var shared = trained.adaptedUser(to: [], user: other.user)
        var alone = AdaptedUser(
            user: other.user, parameters: trained.parameters, network: trained.network, factory: trained.factory,
            rule: trained.observationRule, seen: [], firstLayers: nil)
        #expect(shared.scores(for: items) == alone.scores(for: items), "another profile, from the kept rows")
        try shared.observe(Array(other.query.prefix(2)))
        try alone.observe(Array(other.query.prefix(2)))
        #expect(shared.scores(for: items) == alone.scores(for: items), "another profile after observing")
        #expect(trained.unadaptedOutputs.count == 2)
        _ = trained.adaptedUser(to: Array(group[0].support.prefix(2)), user: group[0].user).scores(for: items)
        #expect(trained.unadaptedOutputs.count == 2, "an adapted user keeps its outputs to itself")
    }
}

import Evaluation
import RecData
import Recommenders
import Synchronization
import Testing

@Suite("Cold-start protocol: measurements")
struct ColdStartProtocolTests {
    private let dataset = SyntheticData.dataset()

    private func measure(
        _ metrics: [Metric], configure: (inout ColdStartConfig) -> Void = { _ in },
        oracle: ColdStartOracle? = nil,
        score: @escaping @Sendable (UserID, ItemID) -> Float = { _, item in Float(item.index) }
    ) throws -> [Measurement] {
        var config = SyntheticData.config()
        configure(&config)
        let protocolRun = ColdStartProtocol(
            dataset: dataset, config: config, random: RandomSource(seed: 4), oracleUtility: oracle)
        return try protocolRun.run(
            SpyRecommender(log: SpyLog(), score: score), metrics: metrics, random: RandomSource(seed: 5))
    }

    @Test("sampled rankings are reported beside the full-catalog one under their own names")
    func sampledLabels() throws {
        let rows = try measure([.hitRate(k: 10), .auc, .coverage(k: 5), .mae]) {
            $0.sampledRankings = [.querySet, .negatives(5)]
        }
        #expect(Set(rows.map(\.protocolName)) == ["cold-start", "cold-start/sampled-query", "cold-start/sampled-5"])
        let sampled = rows.filter { $0.protocolName != "cold-start" }
        #expect(Set(sampled.map(\.metric)) == [.hitRate(k: 10), .auc])
        // With 8 query items at K = 4, HR@10 inside the query set is 1 for any model.
        let inflated = rows.filter {
            $0.protocolName == "cold-start/sampled-query" && $0.shots == 4 && $0.metric == .hitRate(k: 10)
        }
        #expect(inflated.map(\.value) == [1])
    }

    @Test("segments by activity band and by user feature")
    func segments() throws {
        let rows = try measure([.ndcg(k: 5)]) { $0.segments = ["activity", "age_band", "income"] }
        let labels = Set(rows.map(\.segment))
        #expect(labels.contains("all"))
        #expect(labels.isSuperset(of: ["age_band=0", "age_band=1", "age_band=2", "income=low", "income=high"]))
        #expect(labels.contains { $0.hasPrefix("activity=") })
        // Every user has 12 interactions: one activity band holds them all.
        let all = rows.first { $0.segment == "all" && $0.shots == 0 }
        let bands = rows.filter { $0.segment.hasPrefix("activity=") && $0.shots == 0 }
        #expect(bands.count == 1)
        #expect(bands.first?.n == all?.n)
        let ages = rows.filter { $0.segment.hasPrefix("age_band=") && $0.shots == 0 }
        #expect(ages.reduce(0) { $0 + $1.n } == all?.n)
    }

    @Test("an unknown or dense segment feature is an error")
    func badSegments() {
        #expect(throws: EvaluationError.self) { try measure([.ndcg(k: 5)]) { $0.segments = ["agee_band"] } }
        #expect(throws: EvaluationError.unsegmentableFeature(name: "embedding")) {
            try measure([.ndcg(k: 5)]) { $0.segments = ["embedding"] }
        }
    }

    @Test("list-level metrics have no per-user values and n = users")
    func listLevel() throws {
        let rows = try measure([
            .coverage(k: 5), .gini(k: 5), .personalization(k: 5), .novelty(k: 5), .intraListDiversity(k: 5),
        ])
        let coverage = rows.filter { $0.metric == .coverage(k: 5) }
        #expect(coverage.count == 3)
        #expect(coverage.allSatisfy { $0.perUser.isEmpty && $0.n > 0 })
        #expect(coverage.allSatisfy { $0.ciLow <= $0.value && $0.value <= $0.ciHigh })
        let novelty = rows.filter { $0.metric == .novelty(k: 5) }
        #expect(novelty.allSatisfy { $0.perUser.count == $0.n && $0.n == coverage[0].n })
        // The spy ranks by item id, so everyone's top 5 is the five lowest ids they have not
        // interacted with before the query: lists overlap much, and identically at every K.
        let personalization = rows.filter { $0.metric == .personalization(k: 5) }
        #expect(personalization.count == 3)
        #expect(personalization.allSatisfy { $0.value == personalization[0].value && $0.value < 0.5 })
    }

    @Test("oracle metrics need an oracle; ranking by the oracle is perfect")
    func oracleMetrics() throws {
        let metrics: [Metric] = [.oracleNDCG(k: 5), .oracleShare(k: 5), .regret(k: 5)]
        #expect(try measure(metrics).isEmpty)
        let utility: @Sendable (UserID, ItemID) -> Double = { user, item in
            Double((user.index * 13 + item.index * 7) % 17)
        }
        let perfect = try measure(metrics, oracle: { user, items, _ in items.map { utility(user, $0) } }) {
            user, item in Float(utility(user, item))
        }
        #expect(perfect.count == 9)
        for row in perfect {
            #expect(row.value == (row.metric == .regret(k: 5) ? 0 : 1))
        }
    }

    @Test("the oracle is asked at the moment each user is served: their first query interaction, the same at every K")
    func oracleTime() throws {
        let asked = Mutex<[UserID: Set<Int64>]>([:])
        let oracle: ColdStartOracle = { user, items, time in
            asked.withLock { _ = $0[user, default: []].insert(time) }
            return items.map { Double($0.index) }
        }
        _ = try measure([.oracleShare(k: 5)], oracle: oracle)
        let histories = dataset.historiesByUser()
        let largest = SyntheticData.config().shots.max() ?? 0
        let times = asked.withLock { $0 }
        #expect(!times.isEmpty)
        for (user, seen) in times {
            #expect(seen == [histories[user.index][largest].time])
        }
    }

    @Test("a task is served at its earliest query interaction, else after its support")
    func servedAt() {
        let at = { (time: Int64) in Interaction(user: UserID(0), item: ItemID(index: 0), time: time, value: 1) }
        #expect(UserTask(user: UserID(0), support: [at(3), at(9)], query: [at(12), at(10)]).servedAt == 10)
        #expect(UserTask(user: UserID(0), support: [at(3), at(9)], query: []).servedAt == 9)
        #expect(UserTask(user: UserID(0), support: [], query: []).servedAt == 0)
    }

    @Test("a model that adapts parameters reports how many at every K, in the all segment only; others report none")
    func adaptedParameters() throws {
        struct Footprinted: Recommender, AdaptationFootprint {
            var spy: SpyRecommender
            var name: String { spy.name }
            var adaptedParameterCount: Int? { 1_234 }
            mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
                try spy.fit(training, validation: validation, random: &random)
            }
            func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
                try spy.adapt(to: support, user: user)
            }
        }
        var config = SyntheticData.config()
        config.segments = ["age_band"]
        let protocolRun = ColdStartProtocol(dataset: dataset, config: config, random: RandomSource(seed: 4))
        let rows = try protocolRun.run(
            Footprinted(spy: SpyRecommender(log: SpyLog())), metrics: [.ndcg(k: 5)], random: RandomSource(seed: 5))
        let footprint = rows.filter { $0.metric == .adaptedParameters }
        #expect(footprint.map(\.shots) == config.shots.map { Optional($0) })
        #expect(
            footprint.allSatisfy { $0.value == 1_234 && $0.ciLow == 1_234 && $0.segment == "all" && $0.perUser.isEmpty }
        )
        let plain = try protocolRun.run(
            SpyRecommender(log: SpyLog()), metrics: [.ndcg(k: 5)], random: RandomSource(seed: 5))
        #expect(!plain.contains { $0.metric == .adaptedParameters })
    }

    @Test("a model returning too few scores fails the cell with a clear error")
    func wrongScoreCount() {
        let protocolRun = ColdStartProtocol(
            dataset: dataset, config: SyntheticData.config(), random: RandomSource(seed: 4))
        var spy = SpyRecommender(log: SpyLog())
        spy.dropScore = true
        // The candidates are the catalog less the 4 interactions before the query (largest K = 4).
        #expect(throws: EvaluationError.wrongScoreCount(model: "spy", expected: 36, received: 35)) {
            try protocolRun.run(spy, metrics: [.ndcg(k: 5)], random: RandomSource(seed: 5))
        }
    }

    @Test("graded relevance changes the exponential nDCG, not binary hit rate")
    func graded() throws {
        let binary = try measure([.ndcg(k: 10), .ndcg(k: 10, gain: .linear), .hitRate(k: 10)])
        let graded = try measure([.ndcg(k: 10), .ndcg(k: 10, gain: .linear), .hitRate(k: 10)]) {
            $0.relevance = .graded
        }
        let value = { (rows: [Measurement], metric: Metric) in
            rows.first { $0.metric == metric && $0.shots == 2 }?.value ?? -1
        }
        #expect(value(binary, .ndcg(k: 10)) == value(binary, .ndcg(k: 10, gain: .linear)))
        #expect(value(graded, .ndcg(k: 10)) != value(graded, .ndcg(k: 10, gain: .linear)))
        #expect(value(binary, .hitRate(k: 10)) == value(graded, .hitRate(k: 10)))
    }

    @Test("the same inputs give the same measurements")
    func deterministic() throws {
        let metrics: [Metric] = [.ndcg(k: 5), .auc, .gini(k: 5), .rmse]
        let configure: (inout ColdStartConfig) -> Void = {
            $0.sampledRankings = [.negatives(7)]
            $0.supportOrder = .random
        }
        #expect(try measure(metrics, configure: configure) == measure(metrics, configure: configure))
    }
}

@Suite("Paired comparisons of protocol measurements")
struct MeasurementComparisonTests {
    @Test("models are compared with the reference figure by figure")
    func compareModels() throws {
        var config = SyntheticData.config()
        config.segments = ["age_band"]
        let protocolRun = ColdStartProtocol(
            dataset: SyntheticData.dataset(), config: config, random: RandomSource(seed: 4))
        let metrics: [Metric] = [.ndcg(k: 5), .coverage(k: 5)]
        let byId = try protocolRun.run(SpyRecommender(log: SpyLog()), metrics: metrics, random: RandomSource(seed: 5))
        let reversed = try protocolRun.run(
            SpyRecommender(log: SpyLog(), score: { _, item in -Float(item.index) }), metrics: metrics,
            random: RandomSource(seed: 5)
        )
        let comparisons = PairedComparison.compare(
            measurements: ["by-id": byId, "reversed": reversed], reference: "by-id")
        // 3 K × 4 segments × nDCG only: coverage has no per-user values.
        #expect(comparisons.count == 12)
        #expect(comparisons.allSatisfy { $0.model == "reversed" && $0.reference == "by-id" })
        #expect(comparisons.contains { $0.figure == "cold-start K=2 ndcg@5" })
        #expect(comparisons.contains { $0.figure == "cold-start age_band=1 K=4 ndcg@5" })
        let all = comparisons.first { $0.figure == "cold-start K=0 ndcg@5" }
        let rows = byId.first { $0.segment == "all" && $0.shots == 0 && $0.metric == .ndcg(k: 5) }
        #expect(all?.pairs == rows?.n)
        #expect(PairedComparison.compare(measurements: ["by-id": byId], reference: "missing").isEmpty)
    }
}

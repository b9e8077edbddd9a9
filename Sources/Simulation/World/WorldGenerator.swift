import Foundation
import RecData

/// Generates a world of any family from its configuration and a seed.
///
/// The seed's stream is split by purpose (`catalog`, `population`, `drift`, `churn`,
/// `behaviour`) and then by user or item, so every part is reproducible on its own and
/// the world is identical for any number of threads.
enum WorldGenerator {
    static func generate(_ config: WorldConfig, seed: UInt64, threads: Int) -> World {
        let started = Date()
        let processorStarted = GenerationStats.processorSeconds()
        let common = config.common
        let family = config.family
        let root = RandomSource(seed: seed).stream("\(family.rawValue)-world")
        let clock = WorldClock(days: common.days)

        var catalog: Catalog
        let feedback: FeedbackModel
        var seasonal: SeasonalDemandConfig?
        var freshness: (weight: Float, halfLife: Double)?
        var lifetime: Int64?
        switch config {
        case let .ecommerce(ecommerce):
            catalog = EcommerceCatalog.build(config: ecommerce, random: root.stream("catalog"))
            feedback = .ecommerce(EcommerceFeedback(config: ecommerce))
            if ecommerce.seasonal.share > 0, ecommerce.seasonal.amplitude != 0 { seasonal = ecommerce.seasonal }
        case let .video(video):
            catalog = VideoCatalog.build(config: video, random: root.stream("catalog"))
            feedback = .video(
                VideoFeedback(watch: video.watch, like: video.like, signal: video.signal, offsets: catalog.watchOffset))
        case let .news(news):
            catalog = NewsCatalog.build(config: news, clock: clock, random: root.stream("catalog"))
            feedback = .news
            if news.freshnessWeight != 0 {
                freshness = (Float(news.freshnessWeight), news.halfLifeHours * Double(WorldClock.secondsPerHour))
            }
            lifetime = WorldClock.seconds(hours: news.lifetimeHours)
        }
        catalog.quantize()
        let drift = DriftModel(
            processes: common.drift, groups: catalog.groupCount, clock: clock, random: root.stream("drift"))
        if let churn = drift.churn, family != .news {
            catalog.applyChurn(churn, clock: clock, random: root.stream("churn"))
        }
        let population = Population(config: common, random: root.stream("population"), threads: threads)
        let effects = TimeEffects(
            drift: drift.shiftsGroups ? drift : nil, seasonal: seasonal, freshness: freshness, clock: clock,
            groups: catalog.groupCount
        )
        let model = WorldModel(
            family: family, clock: clock, catalog: catalog, population: population, drift: drift,
            effects: effects, choice: ChoiceModel(config: common), feedback: feedback
        )
        let simulator = BehaviourSimulator(
            model: model,
            policy: common.loggingPolicy,
            lifetime: lifetime,
            activity: ActivityModel(
                mean: common.interactionsPerUser, minimum: common.minimumInteractions,
                distribution: common.activity, cap: ActivityModel.cap(items: catalog.count)
            ),
            interactionsPerSession: max(1, common.interactionsPerSession),
            slateSize: common.slateSize,
            streams: common.populationDraw == 0
                ? root.stream("behaviour") : root.stream("behaviour").stream(common.populationDraw)
        )
        let behaviourStarted = Date()
        let behaviourProcessorStarted = GenerationStats.processorSeconds()
        let chunks = simulator.run(threads: threads)
        let behaviourSeconds = Date().timeIntervalSince(behaviourStarted)
        let behaviourProcessorSeconds = GenerationStats.processorSeconds() - behaviourProcessorStarted
        let assembled = LogAssembler.assemble(chunks, users: population.count, indexUsers: drift.hasReinforcement)
        let dataset = Dataset(
            name: family.rawValue, users: population.features, items: catalog.features,
            interactions: assembled.datasetEvents, feedback: feedback.datasetFeedback
        )
        let oracle = Oracle(model: model, history: drift.hasReinforcement ? (dataset.interactions, assembled.log) : nil)
        let generation = GenerationStats(
            slatesShown: assembled.slates, noChoices: assembled.noChoices, usersShort: assembled.shortUsers,
            behaviourSeconds: behaviourSeconds, behaviourProcessorSeconds: behaviourProcessorSeconds,
            totalSeconds: Date().timeIntervalSince(started),
            totalProcessorSeconds: GenerationStats.processorSeconds() - processorStarted, threads: threads
        )
        return World(
            family: family, dataset: dataset, oracle: oracle, clock: clock, log: assembled.log,
            shiftEvents: drift.shiftEvents(
                users: population.count, archetypes: population.archetypeCount, clock: clock),
            generation: generation
        )
    }
}

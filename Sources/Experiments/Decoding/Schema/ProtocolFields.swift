import Evaluation

extension ColdStartConfig {
    /// The keys of `protocols.cold_start`, in the order errors list them.
    static var fields: [ScenarioField<Self>] {
        [
            .shots(\.shots, "The K-shot sweep: support-set sizes to evaluate, each once."),
            .split(\.split, "User shares for meta-train, validation and test; they sum to 1, train and test above 0."),
            .choice(
                "support", \.supportOrder,
                "How support sets are chosen: the first K interactions in time, or K at random."),
            .integer(
                "min_query", \.minimumQuery, 1...100_000,
                "Fewest query interactions an evaluated user has beyond the largest K."),
            ScenarioField(
                name: "relevance_threshold",
                summary:
                    "A query interaction is relevant when its value is at least this; implicit feedback always is.",
                type: { _ in .number(relevanceThresholds) },
                read: { .number(Double($0.relevanceThreshold.description) ?? Double($0.relevanceThreshold)) }
            ) { node, config, _ in
                config.relevanceThreshold = Float(try node.double(in: relevanceThresholds))
            },
            .choice("relevance", \.relevance, "How relevant interactions are graded for nDCG."),
            ScenarioField(
                name: "sampled_ranking",
                summary: "Sampled rankings reported beside the full one: 'query' or a number of sampled negatives.",
                type: { _ in .distinctList(of: .either([.choice(["query"]), .integer(1...Int.max)])) },
                read: { .list($0.sampledRankings.map { SchemaValue.text($0.description) }) }
            ) { node, config, _ in
                config.sampledRankings = []
                for entry in try node.sequence(singleAllowed: true) {
                    let text = try entry.string()
                    guard let ranking = SampledRanking(text) else {
                        throw entry.error("expected 'query' or a positive number of sampled negatives, found '\(text)'")
                    }
                    guard !config.sampledRankings.contains(ranking) else {
                        throw entry.error("sampled ranking '\(text)' is listed twice")
                    }
                    config.sampledRankings.append(ranking)
                }
            },
            ScenarioField(
                name: "segments",
                summary: "Breakdowns besides all: 'activity', 'archetype' (simulated worlds) or a user feature name.",
                type: { _ in .distinctList(of: .text(pattern: "^[A-Za-z0-9_]+$")) }, read: { .texts($0.segments) }
            ) { node, config, context in
                config.segments = try SegmentDecoder().decode(node, traits: context.traits)
            },
            ScenarioField(
                name: "partitions",
                summary:
                    "MeLU's four partitions (new/existing users × new/existing items), measured beside the plain protocol.",
                defaultNote: "none",
                type: { config in
                    .mapping(PartitionConfig.fields.keys(defaults: config.partitions ?? PartitionConfig()))
                },
                read: { config in config.partitions.map(PartitionConfig.fields.value(of:)) }
            ) { node, config, context in
                config.partitions = try PartitionDecoder().decode(node, traits: context.traits)
            },
            .integer(
                "bootstrap_resamples", \.bootstrapResamples, 0...1_000_000,
                "Bootstrap resamples for confidence intervals."),
        ]
    }

    /// Relevance thresholds a scenario may give.
    private static let relevanceThresholds = -1e6...1e6
}

extension PartitionConfig {
    /// The keys of `protocols.cold_start.partitions`, in the order errors list them.
    static var fields: [ScenarioField<Self>] {
        [
            .number(
                "cutoff", \.cutoffShare, 0...1,
                "Where the cut-off lies, as a share of the log's time span, strictly between 0 and 1."),
            .integer(
                "min_query", \.minimumQuery, 1...100_000,
                "Fewest query interactions a user needs in a partition to be evaluated there."),
        ]
    }
}

extension DriftConfig {
    /// The keys of `protocols.drift`, in the order errors list them.
    static var fields: [ScenarioField<Self>] {
        [
            .integer("windows", \.windows, 2...1_000, "Number of evaluation windows."),
            .number(
                "warmup", \.warmup, 0.05...0.95,
                "Share of the clock before the first window; models learn from what was logged before it."),
            .integer("slate_size", \.slateSize, 1...1_000, "Items recommended to each user in each window."),
            .integer(
                "retrain_every", \.retrainEvery, 0...1_000,
                "Windows between refits on everything logged so far; 0 for never (online adaptation only)."),
            .integer(
                "max_users", \.maxUsersPerWindow, 1...10_000_000,
                "Most active test users served per window, drawn by seed."),
            .split(\.split, "User shares for meta-train, validation and test; they sum to 1, train and test above 0."),
            ScenarioField(
                name: "metrics", summary: "Per-window metrics, each once.",
                defaultNote: "hr@k, oracle_ndcg@k, regret@k with k = slate_size; on a dataset hr@k, ndcg@k, recall@k",
                type: { _ in .distinctList(of: .metric) }, read: { _ in nil }
            ) { node, config, context in
                try config.decodeMetrics(node, replay: context.replay)
            },
            .integer(
                "bootstrap_resamples", \.bootstrapResamples, 0...1_000_000,
                "Bootstrap resamples for per-window intervals."),
            .number(
                "event_burst_lift", \.eventBurstLift, 0...1_000,
                "The smallest burst lift counted as an event (dip and recovery measured); smaller bursts are continuous background."
            ),
        ]
    }
}

extension SplitFractions {
    /// The keys of a `split` mapping, each required.
    static var fields: [ScenarioField<Self>] {
        [
            .share("train", \.train, "Share of users whose full histories train the models.").required(),
            .share("validation", \.validation, "Share of users used for tuning and early stopping.").required(),
            .share("test", \.test, "Share of users the reported figures are measured on.").required(),
        ]
    }
}

extension ScenarioField {
    /// A `split` mapping of user shares.
    static func split(_ path: WritableKeyPath<Root, SplitFractions>, _ summary: String) -> Self {
        ScenarioField(
            name: "split", summary: summary,
            type: { root in .mapping(SplitFractions.fields.keys(defaults: root[keyPath: path])) },
            read: { root in SplitFractions.fields.value(of: root[keyPath: path]) }
        ) { node, root, _ in
            root[keyPath: path] = try SplitDecoder().decode(node)
        }
    }
}

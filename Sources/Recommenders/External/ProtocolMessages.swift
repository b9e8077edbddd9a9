import RecData

/// The messages the toolkit sends to an external model, version 1 of the process
/// protocol (`docs/process-protocol.md`).
///
/// Every message is one line of compact JSON whose `type` field names it. Interactions
/// are `[item, time, value]` triples; features are objects keyed by feature name.
enum ProtocolMessages {
    /// The protocol version this toolkit speaks.
    static let version = 1
    /// Most users in one `fit` line (`users` and `validation` parts).
    static let usersPerBatch = 256
    /// Most interactions in one `fit` line; a batch closes at whichever limit comes first.
    static let interactionsPerBatch = 50_000
    /// Most items in one `fit` `items` line.
    static let itemsPerBatch = 1_024

    /// Seeds are sent as their low 53 bits, a whole number every JSON reader holds exactly.
    static let seedMask: UInt64 = (1 << 53) - 1

    // MARK: - Session

    /// `hello`: the protocol version, the model's name, seed and parameters, and the
    /// dataset's size, feedback kind and feature schema.
    static func hello(model: String, seed: UInt64, parameters: ModelParameters, dataset: Dataset) -> JSONValue {
        let feedback: JSONValue
        switch dataset.feedback {
        case .implicit:
            feedback = .object([("kind", .string("implicit"))])
        case let .rating(minimum, maximum):
            feedback = .object([("kind", .string("rating")), ("min", .float(minimum)), ("max", .float(maximum))])
        }
        let params = parameters.values.sorted { $0.key < $1.key }.map { ($0.key, parameterValue($0.value)) }
        return .object([
            ("type", .string("hello")),
            ("protocol", .int(version)),
            ("model", .string(model)),
            ("seed", .int(Int(seed & seedMask))),
            ("params", .object(params)),
            (
                "dataset",
                .object([
                    ("name", .string(dataset.name)),
                    ("users", .int(dataset.userCount)),
                    ("items", .int(dataset.itemCount)),
                    ("feedback", feedback),
                    ("user_features", schema(dataset.users.schema)),
                    ("item_features", schema(dataset.items.schema)),
                ])
            ),
        ])
    }

    /// `bye`: the end of the session.
    static let bye: JSONValue = .object([("type", .string("bye"))])

    // MARK: - Fit

    /// `fit` with `part: begin`: how much is coming.
    static func fitBegin(trainUsers: Int, validationUsers: Int, interactions: Int) -> JSONValue {
        .object([
            ("type", .string("fit")), ("part", .string("begin")),
            ("train_users", .int(trainUsers)), ("validation_users", .int(validationUsers)),
            ("interactions", .int(interactions)),
        ])
    }

    /// `fit` with `part: items`: features of a run of items.
    static func fitItems(_ items: Range<Int>, features: FeatureRows) -> JSONValue {
        .object([
            ("type", .string("fit")), ("part", .string("items")),
            ("items", .array(items.map { .object([("item", .int($0)), ("features", features.row($0))]) })),
        ])
    }

    /// `fit` with `part: users`: training users with their features and full histories.
    static func fitUsers(_ users: [(user: UserID, history: [Interaction])], features: FeatureRows) -> JSONValue {
        .object([
            ("type", .string("fit")), ("part", .string("users")),
            (
                "users",
                .array(
                    users.map { entry in
                        .object([
                            ("user", .int(entry.user.index)), ("features", features.row(entry.user.index)),
                            ("interactions", interactions(entry.history)),
                        ])
                    })
            ),
        ])
    }

    /// `fit` with `part: validation`: validation users' support and query sets.
    static func fitValidation(_ tasks: [UserTask], features: FeatureRows) -> JSONValue {
        .object([
            ("type", .string("fit")), ("part", .string("validation")),
            (
                "users",
                .array(
                    tasks.map { task in
                        .object([
                            ("user", .int(task.user.index)), ("features", features.row(task.user.index)),
                            ("support", interactions(task.support)), ("query", interactions(task.query)),
                        ])
                    })
            ),
        ])
    }

    /// `fit` with `part: end`: train now, then answer `fitted`.
    static let fitEnd: JSONValue = .object([("type", .string("fit")), ("part", .string("end"))])

    // MARK: - Personalization

    /// `adapt`: personalize for one user from a support set (no answer).
    static func adapt(id: Int, user: UserID, features: JSONValue, support: [Interaction]) -> JSONValue {
        .object([
            ("type", .string("adapt")), ("id", .int(id)), ("user", .int(user.index)),
            ("features", features), ("support", interactions(support)),
        ])
    }

    /// `observe`: new feedback for the personalized model `id` (no answer).
    static func observe(id: Int, feedback: [Interaction]) -> JSONValue {
        .object([("type", .string("observe")), ("id", .int(id)), ("feedback", interactions(feedback))])
    }

    /// `score`: the scores of every item of the catalogue, in item id order, for the
    /// personalized model `id`. The candidates of every protocol are ranked from them, so
    /// the message lists no items: a list of the whole catalogue in every message would
    /// double the JSON both sides read and write.
    static func score(id: Int) -> JSONValue {
        .object([("type", .string("score")), ("id", .int(id))])
    }

    // MARK: - Parts

    /// Interactions as `[item, time, value]` triples.
    static func interactions(_ list: [Interaction]) -> JSONValue {
        .array(list.map { .array([.int($0.item.index), .int(Int($0.time)), .float($0.value)]) })
    }

    private static func schema(_ fields: [FeatureField]) -> JSONValue {
        .array(
            fields.map { field in
                switch field.kind {
                case let .categorical(cardinality):
                    return .object([
                        ("name", .string(field.name)), ("kind", .string("categorical")),
                        ("cardinality", .int(cardinality)),
                    ])
                case let .multiValued(cardinality):
                    return .object([
                        ("name", .string(field.name)), ("kind", .string("multi_valued")),
                        ("cardinality", .int(cardinality)),
                    ])
                case .numeric:
                    return .object([("name", .string(field.name)), ("kind", .string("numeric"))])
                case let .dense(dimension):
                    return .object([
                        ("name", .string(field.name)), ("kind", .string("dense")), ("dimension", .int(dimension)),
                    ])
                }
            })
    }

    private static func parameterValue(_ value: ParameterValue) -> JSONValue {
        switch value {
        case let .int(number): return .int(number)
        case let .double(number): return .number(number)
        case let .string(text): return .string(text)
        case let .bool(flag): return .bool(flag)
        case let .list(values): return .array(values.map(parameterValue))
        }
    }
}

/// The features of a table's rows as protocol objects (`{"category": 3, "price": 12.5}`).
struct FeatureRows {
    private let columns: [(name: String, column: FeatureColumn)]

    /// Reads `table`'s columns.
    init(_ table: FeatureTable) {
        columns = table.columns.map { ($0.field.name, $0.column) }
    }

    /// The features of row `index`.
    func row(_ index: Int) -> JSONValue {
        .object(
            columns.map { name, column in
                switch column {
                case let .categorical(values, _):
                    return (name, .int(Int(values[index])))
                case let .multiValued(values, _):
                    return (name, .array(values[index].map { .int(Int($0)) }))
                case let .numeric(values):
                    return (name, .float(values[index]))
                case let .dense(values, dimension):
                    return (name, .array(values[(index * dimension)..<((index + 1) * dimension)].map { .float($0) }))
                }
            })
    }
}

/// A model the toolkit can build by name from a scenario file.
public struct ModelDescriptor: Sendable {
    /// The registered name (`models[].name` in scenario files).
    public let name: String
    /// One line on what the model is.
    public let summary: String
    /// The hyper-parameters it accepts.
    public let parameters: [ParameterSpec]
    /// What besides the name and parameters decides the model's results — for an external
    /// model, a digest of its command and files; empty for models built into the program
    /// that runs them. It is part of the result cache's key, so a change re-runs the cells.
    public let fingerprint: String
    /// How costly the model is to run, for ordering a suite's cells.
    public let cost: ModelCost
    /// Builds the model from resolved parameters and the cell's seed; when a parameter is a
    /// ``ParameterValue/list(_:)``, the model is a ``GridSearch`` over every combination.
    public let make: @Sendable (ModelParameters, UInt64) -> any Recommender

    /// Creates a descriptor; `make` builds the model for one plain setting.
    public init(
        name: String,
        summary: String,
        parameters: [ParameterSpec] = [],
        fingerprint: String = "",
        cost: ModelCost = .heavy,
        make: @escaping @Sendable (ModelParameters, UInt64) -> any Recommender
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.fingerprint = fingerprint
        self.cost = cost
        self.make = { values, seed in
            values.isGrid ? GridSearch(name: name, grid: values, seed: seed, make: make) : make(values, seed)
        }
    }

    /// `given` completed with every parameter's default.
    public func resolve(_ given: [String: ParameterValue]) -> ModelParameters {
        var values = given
        for parameter in parameters where values[parameter.name] == nil {
            values[parameter.name] = parameter.defaultValue
        }
        return ModelParameters(values)
    }
}

/// The models available by name.
public struct ModelRegistry: Sendable {
    /// Registered models, in listing order.
    public private(set) var descriptors: [ModelDescriptor]

    /// Creates a registry holding `descriptors`.
    public init(_ descriptors: [ModelDescriptor]) {
        self.descriptors = descriptors
    }

    /// The models that ship with the toolkit: the baselines, then the meta-learners.
    public static let builtIn = ModelRegistry(baselineDescriptors + metaLearnerDescriptors + [oracle])

    /// Whether `name` is one of the built-in baselines: the candidates for a scenario's
    /// default reference model. Models registered by users are never baselines.
    public static func isBaseline(_ name: String) -> Bool {
        baselineDescriptors.contains { $0.name == name }
    }

    /// Whether `name` is one of the built-in meta-learners (as opposed to a baseline or a
    /// model registered by a user).
    public static func isMetaLearner(_ name: String) -> Bool {
        metaLearnerDescriptors.contains { $0.name == name }
    }

    /// The descriptor registered under `name`.
    public func descriptor(named name: String) -> ModelDescriptor? {
        descriptors.first { $0.name == name }
    }

    /// Registered names, in listing order.
    public var names: [String] { descriptors.map(\.name) }

    /// Adds a model; a model of the same name is replaced.
    public mutating func register(_ descriptor: ModelDescriptor) {
        descriptors.removeAll { $0.name == descriptor.name }
        descriptors.append(descriptor)
    }
}

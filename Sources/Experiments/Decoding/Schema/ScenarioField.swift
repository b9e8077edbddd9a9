/// What decoding a key may need beyond its own node: what the scenario's data offers and
/// whether it is a real dataset.
struct DecodingContext {
    /// What the scenario's data offers the protocols.
    var traits = DataTraits.realDataset(hasRatings: true)
    /// Whether the scenario runs on a real dataset (log replay) rather than a simulated world.
    var replay = false
}

/// One key of a scenario mapping bound to the field of `Root` it sets: its schema entry
/// (name, type, description) and how to decode and read its value. The default is read
/// from a default `Root`, so the configuration type's initializer is its only source.
struct ScenarioField<Root> {
    /// The key as the file spells it.
    let name: String
    /// One line on what it sets.
    let summary: String
    /// Whether the key must be given.
    var isRequired = false
    /// What leaving the key out means when the default value alone does not say it.
    var defaultNote: String?
    /// The values it accepts; nested keys take their defaults from `root`.
    let type: (_ root: Root) -> SchemaType
    /// The key's value in `root`, as a file writes it; `nil` for "none".
    let read: (_ root: Root) -> SchemaValue?
    /// Checks the key's node and sets its value in `root`.
    let decode: (_ node: SpecNode, _ root: inout Root, _ context: DecodingContext) throws -> Void

    /// The schema entry, with the default read from `defaults`.
    func key(defaults: Root) -> SchemaKey {
        SchemaKey(
            name, type(defaults), summary, default: isRequired ? nil : read(defaults), note: defaultNote,
            required: isRequired)
    }

    /// The field, required.
    func required() -> Self {
        var field = self
        field.isRequired = true
        return field
    }
}

// MARK: - Kinds of fields

extension ScenarioField {
    /// A whole number in `range`.
    static func integer(
        _ name: String, _ path: WritableKeyPath<Root, Int>, _ range: ClosedRange<Int>, _ summary: String
    ) -> Self {
        ScenarioField(
            name: name, summary: summary, type: { _ in .integer(range) }, read: { .integer($0[keyPath: path]) }
        ) { node, root, _ in
            root[keyPath: path] = try node.int(in: range)
        }
    }

    /// A real number in `range`.
    static func number(
        _ name: String, _ path: WritableKeyPath<Root, Double>, _ range: ClosedRange<Double>, _ summary: String
    ) -> Self {
        ScenarioField(name: name, summary: summary, type: { _ in .number(range) }, read: { .number($0[keyPath: path]) })
        { node, root, _ in
            root[keyPath: path] = try node.double(in: range)
        }
    }

    /// A probability or share: a real number in `[0, 1]`.
    static func share(_ name: String, _ path: WritableKeyPath<Root, Double>, _ summary: String) -> Self {
        number(name, path, 0...1, summary)
    }

    /// One of the cases of `Value`, by raw value.
    static func choice<Value: RawRepresentable & CaseIterable>(
        _ name: String, _ path: WritableKeyPath<Root, Value>, _ summary: String
    ) -> Self where Value.RawValue == String {
        let names = Value.allCases.map(\.rawValue)
        return ScenarioField(
            name: name, summary: summary, type: { _ in .choice(names) }, read: { .text($0[keyPath: path].rawValue) }
        ) { node, root, _ in
            root[keyPath: path] = Value(rawValue: try node.choice(names)) ?? root[keyPath: path]
        }
    }

    /// A mapping of further keys setting the fields of `Sub`.
    static func nested<Sub>(
        _ name: String, _ path: WritableKeyPath<Root, Sub>, _ summary: String, _ fields: [ScenarioField<Sub>]
    ) -> Self {
        ScenarioField(
            name: name, summary: summary,
            type: { root in .mapping(fields.keys(defaults: root[keyPath: path])) },
            read: { root in fields.value(of: root[keyPath: path]) }
        ) { node, root, context in
            var sub = root[keyPath: path]
            _ = try node.decode(fields, into: &sub, context: context)
            root[keyPath: path] = sub
        }
    }

    /// An optional mapping of further keys setting the fields of `Sub`, which starts from
    /// `defaults` when the key is given; leaving it out means none.
    static func optional<Sub>(
        _ name: String, _ path: WritableKeyPath<Root, Sub?>, defaults: Sub, _ summary: String,
        _ fields: [ScenarioField<Sub>]
    ) -> Self {
        ScenarioField(
            name: name, summary: summary, defaultNote: "none",
            type: { root in .mapping(fields.keys(defaults: root[keyPath: path] ?? defaults)) },
            read: { root in root[keyPath: path].map(fields.value(of:)) }
        ) { node, root, context in
            var sub = defaults
            _ = try node.decode(fields, into: &sub, context: context)
            root[keyPath: path] = sub
        }
    }
}

// MARK: - Lists of fields

extension Array {
    /// The schema entries of these fields, with defaults read from `defaults`.
    func keys<Root>(defaults: Root) -> [SchemaKey] where Element == ScenarioField<Root> {
        map { $0.key(defaults: defaults) }
    }

    /// The mapping of these fields' values in `root`, leaving out those that are none.
    func value<Root>(of root: Root) -> SchemaValue where Element == ScenarioField<Root> {
        .mapping(compactMap { field in field.read(root).map { SchemaValue.Entry(key: field.name, value: $0) } })
    }
}

// MARK: - Decoding

extension SpecNode {
    /// Decodes this mapping node, whose keys must be among `fields`, into `root`, key by
    /// key in the fields' order; a required key left out is an error when its turn comes.
    @discardableResult
    func decode<Root>(_ fields: [ScenarioField<Root>], into root: inout Root, context: DecodingContext) throws
        -> Mapping
    {
        let mapping = try self.mapping(allowed: fields.map(\.name))
        for field in fields {
            if let node = mapping[field.name] {
                try field.decode(node, &root, context)
            } else if field.isRequired {
                _ = try mapping.required(field.name)
            }
        }
        return mapping
    }
}

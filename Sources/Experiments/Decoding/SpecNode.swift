import Yams

/// A YAML node being decoded, with the file and field path needed for precise errors.
struct SpecNode {
    /// The YAML node.
    let node: Node
    /// The field path from the document root (`world.users`); empty at the root.
    let path: String
    /// The file the node came from.
    let file: String

    /// An error about this node, at its line and column.
    func error(_ message: String) -> InputError {
        InputError(
            file: file, line: node.mark?.line, column: node.mark?.column, field: path.isEmpty ? nil : path,
            message: message)
    }

    /// Where this node sits; `field` names it when it is absent and this is its parent.
    func location(field: String? = nil) -> FieldLocation {
        FieldLocation(file: file, line: node.mark?.line, column: node.mark?.column, field: field ?? path)
    }

    private func child(_ node: Node, key: String) -> SpecNode {
        SpecNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    private var found: String {
        switch node {
        case let .scalar(scalar): return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: - Containers

    /// The node as a mapping whose keys must all be in `allowed`; unknown keys are errors
    /// with a suggestion of the nearest allowed key.
    func mapping(allowed: [String]) throws -> Mapping {
        guard case let .mapping(mapping) = node else { throw error("expected a mapping, found \(found)") }
        var entries = [String: SpecNode]()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw SpecNode(node: keyNode, path: path, file: file).error("mapping keys must be plain words")
            }
            let keyed = SpecNode(node: keyNode, path: path.isEmpty ? key : "\(path).\(key)", file: file)
            guard allowed.contains(key) else {
                throw keyed.error(
                    "unknown key '\(key)'\(Suggestion.hint(for: key, among: allowed)); allowed: \(allowed.joined(separator: ", "))"
                )
            }
            entries[key] = child(value, key: key)
        }
        return Mapping(owner: self, entries: entries)
    }

    /// The entries of a mapping with arbitrary keys, in file order.
    func pairs() throws -> [(key: String, value: SpecNode)] {
        guard case let .mapping(mapping) = node else { throw error("expected a mapping, found \(found)") }
        return try mapping.map { keyNode, value in
            guard let key = keyNode.scalar?.string else {
                throw SpecNode(node: keyNode, path: path, file: file).error("mapping keys must be plain words")
            }
            return (key, child(value, key: key))
        }
    }

    /// The node as a list; a single scalar is accepted as a list of one when `singleAllowed`.
    func sequence(singleAllowed: Bool = false) throws -> [SpecNode] {
        switch node {
        case let .sequence(sequence):
            return sequence.enumerated().map { SpecNode(node: $0.element, path: "\(path)[\($0.offset)]", file: file) }
        case .scalar where singleAllowed:
            return [self]
        default:
            throw error("expected a list, found \(found)")
        }
    }

    // MARK: - Scalars

    /// The node as text.
    func string() throws -> String {
        guard case let .scalar(scalar) = node else { throw error("expected a word, found \(found)") }
        return scalar.string
    }

    /// The node as an integer within `range`.
    func int(in range: ClosedRange<Int>) throws -> Int {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string) else {
            throw error("expected a whole number, found \(found)")
        }
        guard range.contains(value) else {
            throw error("\(value) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// The node as a real number within `range`.
    func double(in range: ClosedRange<Double>) throws -> Double {
        guard case let .scalar(scalar) = node, let value = Double(scalar.string), value.isFinite else {
            throw error("expected a number, found \(found)")
        }
        guard range.contains(value) else {
            throw error("\(value) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// The node as a switch (`true` or `false`).
    func bool() throws -> Bool {
        guard case let .scalar(scalar) = node, let value = Bool(scalar.string.lowercased()) else {
            throw error("expected true or false, found \(found)")
        }
        return value
    }

    /// The node as one of `choices`.
    func choice(_ choices: [String]) throws -> String {
        let value = try string()
        guard choices.contains(value) else {
            throw error(
                "unknown value '\(value)'\(Suggestion.hint(for: value, among: choices)); expected one of: \(choices.joined(separator: ", "))"
            )
        }
        return value
    }

    // MARK: - Mapping

    /// The checked entries of a mapping node.
    struct Mapping {
        /// The mapping node itself.
        let owner: SpecNode
        /// Entries by key.
        let entries: [String: SpecNode]

        /// The entry for `key`, if present.
        subscript(key: String) -> SpecNode? { entries[key] }

        /// The entry for `key`, or an error saying it is missing.
        func required(_ key: String) throws -> SpecNode {
            guard let value = entries[key] else {
                throw InputError(
                    file: owner.file, line: owner.node.mark?.line, column: owner.node.mark?.column,
                    field: owner.path.isEmpty ? key : "\(owner.path).\(key)", message: "missing required key '\(key)'"
                )
            }
            return value
        }
    }
}

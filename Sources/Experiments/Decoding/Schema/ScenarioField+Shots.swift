extension ScenarioField {
    /// A `shots` list: distinct support sizes K, sorted ascending.
    static func shots(_ path: WritableKeyPath<Root, [Int]>, _ summary: String) -> Self {
        let sizes = 0...10_000
        return ScenarioField(
            name: "shots", summary: summary,
            type: { _ in .distinctList(of: .integer(sizes)) },
            read: { .list($0[keyPath: path].map(SchemaValue.integer)) }
        ) { node, root, _ in
            let shots = try node.sequence(singleAllowed: true).map { try $0.int(in: sizes) }
            guard !shots.isEmpty else { throw node.error("give at least one support size") }
            guard Set(shots).count == shots.count else { throw node.error("support sizes must be distinct") }
            root[keyPath: path] = shots.sorted()
        }
    }
}

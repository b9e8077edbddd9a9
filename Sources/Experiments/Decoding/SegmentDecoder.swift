import Evaluation

/// Decodes `protocols.cold_start.segments`, the breakdowns results are reported by, with
/// file, line and field in every error.
struct SegmentDecoder {
    /// - Parameter traits: what the scenario's data offers; `archetype` needs hidden archetypes.
    func decode(_ node: SpecNode, traits: DataTraits) throws -> [String] {
        var segments = [String]()
        for entry in try node.sequence(singleAllowed: true) {
            let name = try entry.string()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw entry.error(
                    "a segment is 'activity', 'archetype' or a user feature name (letters, digits, '_'); found '\(name)'"
                )
            }
            if name == UserSegments.archetype, !traits.hasArchetypes {
                throw entry.error(
                    "segment 'archetype' needs a simulated world's hidden archetypes; this scenario's data has none")
            }
            guard !segments.contains(name) else { throw entry.error("segment '\(name)' is listed twice") }
            segments.append(name)
        }
        return segments
    }
}

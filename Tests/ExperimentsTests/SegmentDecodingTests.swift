import Testing

@testable import Experiments

/// `segments: [archetype]` against data with and without hidden archetypes (real
/// datasets have none), with file, line and field in the error.
@Suite("Scenario files: archetype segments need archetypes")
struct SegmentDecodingTests {
    private func decode(_ yaml: String, traits: DataTraits) throws -> [String] {
        let path = ScenarioFiles().write("segments.yaml", yaml)
        let root = try YAMLFile.parse(path)
        return try SegmentDecoder().decode(root.mapping(allowed: ["segments"]).required("segments"), traits: traits)
    }

    @Test("data with archetypes takes them as a breakdown")
    func withArchetypes() throws {
        let segments = try decode(
            "segments: [activity, archetype]\n", traits: DataTraits(hasArchetypes: true, introducesItems: false))
        #expect(segments == ["activity", "archetype"])
    }

    @Test("data without archetypes is an error at the entry's line")
    func withoutArchetypes() {
        let traits = DataTraits(hasArchetypes: false, introducesItems: true)
        #expect(throws: InputError.self) { try decode("segments: [activity, archetype]\n", traits: traits) }
        do {
            _ = try decode("# real data\nsegments:\n  - activity\n  - archetype\n", traits: traits)
        } catch let error as InputError {
            #expect(error.file.hasSuffix("segments.yaml"))
            #expect(error.line == 4)
            #expect(error.field == "segments[1]")
            #expect(error.message.contains("hidden archetypes"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect((try? decode("segments: [activity]\n", traits: traits)) == ["activity"])
    }

    @Test("every simulated world family has archetypes")
    func simulatedWorlds() {
        #expect(DataTraits(world: .ecommerce(.init())).hasArchetypes)
        #expect(DataTraits(world: .news(.init())).hasArchetypes)
        #expect(DataTraits(world: .news(.init())).introducesItems)
        #expect(!DataTraits(world: .video(.init())).introducesItems)
    }
}

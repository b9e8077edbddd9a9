import Foundation
import Testing

@testable import Experiments

@Suite("World decoding errors")
struct WorldDecoderErrorTests {
    private let files = ScenarioFiles()
    private let loader = ScenarioLoader()

    private func failure(_ family: String, _ lines: [String]) -> InputError? {
        let path = files.write("\(UUID().uuidString).yaml", worldScenario(family: family, world: lines))
        do {
            _ = try loader.load(path)
            Issue.record("expected an error")
            return nil
        } catch let error as InputError {
            #expect(error.file == path)
            #expect(error.line != nil)
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test(
        "Probabilities outside [0, 1] name the field and line",
        arguments: [
            ("feature_share: 1.5", "world.feature_share"),
            ("rating_probability: -0.1", "world.rating_probability"),
            ("content_embedding: {informativeness: 2}", "world.content_embedding.informativeness"),
            ("seasonal: {share: 1.2}", "world.seasonal.share"),
            ("logging_policy: {popularity: 1.5}", "world.logging_policy.popularity"),
        ])
    func probabilities(line: String, field: String) throws {
        let error = try #require(failure("ecommerce", [line]))
        #expect(error.field == field)
        #expect(error.line == 4)
        #expect(error.message.contains("out of range 0.0...1.0"))
    }

    @Test("A sudden switch share outside [0, 1] names the drift entry's field")
    func driftShare() throws {
        let error = try #require(failure("ecommerce", ["drift:", "  - {kind: sudden, at_day: 5, share: 3}"]))
        #expect(error.field == "world.drift[0].share")
    }

    @Test(
        "Empty catalogs are refused",
        arguments: [
            ("ecommerce", "categories: 0", "world.categories"), ("ecommerce", "brands: 0", "world.brands"),
            ("video", "genres: 0", "world.genres"), ("video", "creators: 0", "world.creators"),
            ("news", "topics: 0", "world.topics"), ("news", "sources: 0", "world.sources"),
            ("ecommerce", "items: 0", "world.items"),
        ])
    func emptyCatalogs(family: String, line: String, field: String) throws {
        let error = try #require(failure(family, [line]))
        #expect(error.field == field)
        #expect(error.message.contains("out of range"))
    }

    @Test(
        "A drift event after the end of the clock is refused",
        arguments: [
            "  - {kind: sudden, at_day: 61}", "  - {kind: gradual, start_day: 60}", "  - {kind: burst, start_day: 70}",
        ])
    func driftAfterClock(entry: String) throws {
        let error = try #require(failure("ecommerce", ["drift:", entry]))
        #expect(error.field?.hasPrefix("world.drift[0].") == true)
        #expect(error.line == 5)
        #expect(error.message.contains("after the end of the clock (days: 60"))
    }

    @Test("Drift entries need a known kind, the right keys and, for sudden, a day")
    func driftShape() throws {
        let unknown = try #require(failure("ecommerce", ["drift:", "  - {kind: gradul}"]))
        #expect(unknown.field == "world.drift[0].kind")
        #expect(unknown.message.contains("did you mean 'gradual'?"))
        let wrongKey = try #require(failure("ecommerce", ["drift:", "  - {kind: gradual, at_day: 3}"]))
        #expect(wrongKey.field == "world.drift[0].at_day")
        let missingKind = try #require(failure("ecommerce", ["drift:", "  - {strength: 3}"]))
        #expect(missingKind.message.contains("missing required key 'kind'"))
        let missingDay = try #require(failure("ecommerce", ["drift:", "  - {kind: sudden}"]))
        #expect(missingDay.field == "world.drift[0].at_day")
        let twice = try #require(failure("ecommerce", ["drift:", "  - {kind: churn}", "  - {kind: churn}"]))
        #expect(twice.message.contains("at most one 'churn'"))
        let newsChurn = try #require(failure("news", ["drift:", "  - {kind: churn}"]))
        #expect(newsChurn.message.contains("lifetime_hours"))
    }

    @Test("Inconsistent settings are refused with their field")
    func inconsistent() throws {
        let policy = try #require(failure("ecommerce", ["logging_policy: {popularity: 0.5, random: 0.2}"]))
        #expect(policy.field == "world.logging_policy")
        #expect(policy.message.contains("must be 1"))
        let thresholds = try #require(failure("ecommerce", ["rating_thresholds: [1, 0, 2, 3]"]))
        #expect(thresholds.field == "world.rating_thresholds")
        let genres = try #require(failure("video", ["genres: 2", "max_genres: 3"]))
        #expect(genres.field == "world.max_genres")
        let live = try #require(failure("news", ["items: 100", "lifetime_hours: 2"]))
        #expect(live.field == "world.lifetime_hours")
        #expect(live.message.contains("articles would be live"))
        let pareto = try #require(failure("ecommerce", ["activity: pareto", "activity_spread: 0.5"]))
        #expect(pareto.field == "world.activity_spread")
        let geometric = try #require(failure("ecommerce", ["activity: geometric", "activity_spread: 1"]))
        #expect(geometric.field == "world.activity_spread")
        let videoKey = try #require(failure("video", ["categories: 3"]))
        #expect(videoKey.message.contains("unknown key 'categories'"))
    }

    @Test("A world too big for memory is refused before it is generated", arguments: ["ecommerce", "video", "news"])
    func tooBig(family: String) throws {
        let error = try #require(
            failure(
                family,
                ["users: 50000000", "interactions_per_user: 90000", "lifetime_hours: 100000"].filter {
                    family == "news" || !$0.hasPrefix("lifetime")
                }))
        #expect(error.field == "world")
        #expect(error.message.contains("GiB"))
    }
}

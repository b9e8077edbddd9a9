import Calibration
import Experiments
import Foundation
import RecData
import Simulation
import TestSupport
import Testing

@Suite("Calibration of every family")
struct CalibrationFamilyTests {
    /// A small rated e-commerce world: 6 categories, 4 sub-categories each, 15 brands.
    private static let dataset: Dataset = {
        var config = EcommerceWorldConfig()
        config.common.resize(users: 300, items: 200, interactionsPerUser: 20, minimumInteractions: 8)
        config.categories = 6
        config.brands = 15
        return WorldConfig.ecommerce(config).generate(seed: 3, threads: 2).dataset
    }()

    /// Calibrates `family`, writes the scenario, loads it back and checks it is the fitted world.
    private func calibrateAndLoad(_ family: WorldFamily) throws -> Calibration {
        let calibration = try Calibrator(family: family, seed: 1, threads: 2).calibrate(Self.dataset)
        let url = Scratch.file("family", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(calibration.scenarioYAML().utf8).write(to: url)
        guard case let .scenario(spec) = try ScenarioLoader().load(url.path) else {
            Issue.record("loaded as a suite")
            return calibration
        }
        #expect(spec.world == calibration.config)
        return calibration
    }

    private func value(_ key: String, in calibration: Calibration) -> String? {
        calibration.parameters.first { $0.key == key }?.value
    }

    @Test("E-commerce: catalog knobs from the item features, rating thresholds")
    func ecommerce() throws {
        let calibration = try calibrateAndLoad(.ecommerce)
        #expect(value("categories", in: calibration) == "6")
        #expect(value("subcategories", in: calibration) == "4")
        #expect(value("brands", in: calibration) == "15")
        #expect(value("dataset_signal", in: calibration) == "rating")
        #expect(value("rating_thresholds", in: calibration) != nil)
        // Times are clock seconds, not Unix seconds: days stay at the default, with a note.
        #expect(value("days", in: calibration) == nil)
        #expect(calibration.notes.contains { $0.contains("not Unix seconds") })
    }

    @Test("Video: genres from 'category', ratings as watch fractions with the intercept fitted")
    func video() throws {
        let calibration = try calibrateAndLoad(.video)
        #expect(value("genres", in: calibration) == "6")
        #expect(value("max_genres", in: calibration) == "1")
        #expect(value("dataset_signal", in: calibration) == "watch")
        #expect(value("watch", in: calibration)?.hasPrefix("{intercept: ") == true)
        let real = try #require(calibration.real.feedbackMean)
        let simulated = try #require(calibration.simulated.feedbackMean)
        // Bisection to 0.002 on the fitting world, which is the compared one.
        #expect(abs(real - simulated) <= 0.01)
    }

    @Test("News: topics from 'category', clicks only")
    func news() throws {
        let calibration = try calibrateAndLoad(.news)
        #expect(value("topics", in: calibration) == "6")
        #expect(value("dataset_signal", in: calibration) == nil)
        #expect(calibration.real.feedbackValues.isEmpty)
        #expect(calibration.notes.contains { $0.contains("News worlds log clicks only") })
    }

    @Test("The same fit for any thread count")
    func threads() throws {
        let one = try Calibrator(family: .news, seed: 1, threads: 1).calibrate(Self.dataset)
        let two = try Calibrator(family: .news, seed: 1, threads: 2).calibrate(Self.dataset)
        #expect(one.config == two.config)
        #expect(one.parameters == two.parameters)
        #expect(one.simulated.activity == two.simulated.activity)
        #expect(one.simulated.popularity == two.simulated.popularity)
    }
}

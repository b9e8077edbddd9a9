import Evaluation
import Foundation
import Recommenders
import Testing

@testable import Experiments

@Suite("Parameter grids in scenario files")
struct ParameterGridTests {
    private let files = ScenarioFiles()
    private let loader = ScenarioLoader()

    /// The valid scenario with the popularity entry's params replaced by `params`
    /// (`models[1].params` sits on line 17, its first parameter on line 17 too).
    private func scenario(model: String = "item-knn", params: String) -> String {
        ScenarioFiles.valid().replacingOccurrences(
            of: "  - name: popularity\n    params: {rating_damping: 2}",
            with: "  - name: \(model)\n    params: \(params)"
        )
    }

    private func load(_ text: String) throws -> ScenarioSpec {
        guard case let .scenario(spec) = try loader.load(files.write("grid.yaml", text)) else {
            throw InputError(file: "grid.yaml", message: "expected a scenario")
        }
        return spec
    }

    private func failure(_ text: String) throws -> InputError {
        let path = files.write("bad-grid.yaml", text)
        do {
            _ = try loader.load(path)
        } catch let error as InputError {
            #expect(error.file == path)
            return error
        }
        Issue.record("expected an input error")
        throw InputError(file: path, message: "no error")
    }

    @Test("A list of values is a grid; the other parameters keep their defaults")
    func grid() throws {
        let spec = try load(scenario(params: "{neighbors: [20, 100], shrinkage: [0, 10.5]}"))
        let parameters = spec.models[1].parameters
        #expect(parameters.values["neighbors"] == .list([.int(20), .int(100)]))
        #expect(parameters.values["shrinkage"] == .list([.double(0), .double(10.5)]))
        #expect(parameters.gridSize == 4)
        #expect(spec.models[1].descriptor.make(parameters, 1) is GridSearch)
    }

    @Test("A one-value list is the plain value; choices and switches take lists too")
    func singleAndChoices() throws {
        #expect(try load(scenario(params: "{neighbors: [20]}")).models[1].parameters.values["neighbors"] == .int(20))
        let als = try load(scenario(model: "als", params: "{feedback: [explicit, implicit], factors: 8}")).models[1]
            .parameters
        #expect(als.values["feedback"] == .list([.string("explicit"), .string("implicit")]))
        #expect(als.int("factors") == 8)
        let network = try load(scenario(model: "global-network", params: "{item_id_embedding: [true, false]}")).models[
            1
        ].parameters
        #expect(network.values["item_id_embedding"] == .list([.bool(true), .bool(false)]))
    }

    @Test("A grid changes the cell's cache key")
    func cacheKey() throws {
        let plain = try load(scenario(params: "{neighbors: 20}"))
        let grid = try load(scenario(params: "{neighbors: [20, 100]}"))
        let key = { (spec: ScenarioSpec) in
            SuiteCell(scenario: spec, seed: 1, model: spec.models[1]).cacheKey(build: "b")
        }
        #expect(key(plain) != key(grid))
    }

    @Test("The onboarding protocol's settings change the cell's cache key")
    func onboardingInCacheKey() throws {
        let spec = try load(scenario(params: "{neighbors: 20}"))
        let key = { (spec: ScenarioSpec) in
            SuiteCell(scenario: spec, seed: 1, model: spec.models[1]).cacheKey(build: "b")
        }
        var tenRounds = spec
        tenRounds.onboarding = OnboardingConfig()
        var threeRounds = tenRounds
        threeRounds.onboarding?.rounds = 3
        #expect(Set([key(spec), key(tenRounds), key(threeRounds)]).count == 3)
    }

    @Test("A value out of range in a grid names the line and the element's field")
    func outOfRange() throws {
        let error = try failure(scenario(params: "{neighbors: [20, 0]}"))
        #expect(error.line == 17)
        #expect(error.field == "models[1].params.neighbors[1]")
        #expect(error.message == "0 is out of range 1...100000")
    }

    @Test("An unknown choice in a grid suggests the nearest")
    func unknownChoice() throws {
        let error = try failure(scenario(model: "als", params: "{feedback: [explicit, implicitt]}"))
        #expect(error.field == "models[1].params.feedback[1]")
        #expect(error.message.contains("did you mean 'implicit'?"))
    }

    @Test(
        "iMAML, the Bayesian head, ANIL and the two-tower model refuse bad values, naming the line and field",
        arguments: [
            ("imaml", "{lambda: 0}", "models[1].params.lambda", "out of range"),
            ("imaml", "{lambda: -1}", "models[1].params.lambda", "out of range"),
            ("imaml", "{cg_steps: 0}", "models[1].params.cg_steps", "out of range"),
            ("imaml", "{adapt: everything}", "models[1].params.adapt", "unknown value 'everything'"),
            ("maml", "{adapt: heads}", "models[1].params.adapt", "did you mean 'head'?"),
            (
                "bayesian-head", "{exploration: greedy}", "models[1].params.exploration",
                "expected one of: none, thompson, ucb"
            ),
            ("meta-two-tower", "{user_dim: 0}", "models[1].params.user_dim", "out of range"),
            ("meta-two-tower", "{hidden_layers: 9}", "models[1].params.hidden_layers", "out of range"),
            ("meta-two-tower", "{learn_rates: sometimes}", "models[1].params.learn_rates", "expected true or false"),
            ("meta-two-tower", "{meta_update: online}", "models[1].params.meta_update", "unknown parameter"),
        ])
    func newModelParameters(model: String, params: String, field: String, message: String) throws {
        let error = try failure(scenario(model: model, params: params))
        #expect(error.line == 17)
        #expect(error.field == field)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test(
        "Empty, repeated and nested grids are refused",
        arguments: [
            ("{neighbors: []}", "models[1].params.neighbors", "a grid lists at least one value"),
            ("{neighbors: [20, 20]}", "models[1].params.neighbors", "a grid lists each value once"),
            ("{neighbors: [[20, 30]]}", "models[1].params.neighbors[0]", "expected a whole number, found a list"),
        ])
    func badGrids(params: String, field: String, message: String) throws {
        let error = try failure(scenario(params: params))
        #expect(error.line == 17)
        #expect(error.field == field)
        #expect(error.message == message)
    }

    @Test("A grid of more than 64 combinations is refused at the params mapping")
    func tooLarge() throws {
        let error = try failure(
            scenario(
                model: "als",
                params: "{factors: [4, 8, 16, 32, 64], lambda: [0.1, 1, 10, 100], alpha: [1, 10, 40, 100]}"))
        #expect(error.line == 17)
        #expect(error.field == "models[1].params")
        #expect(error.message == "the grid has 80 combinations; at most 64 are searched")
    }
}

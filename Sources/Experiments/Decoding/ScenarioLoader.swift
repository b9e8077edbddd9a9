import Foundation
import Recommenders

/// What a file named on the command line turned out to hold.
public enum LoadedFile: Sendable {
    /// A single scenario.
    case scenario(ScenarioSpec)
    /// A suite of scenarios.
    case suite(SuiteSpec)

    /// The scenarios it holds, in order.
    public var scenarios: [ScenarioSpec] {
        switch self {
        case let .scenario(scenario): return [scenario]
        case let .suite(suite): return suite.scenarios
        }
    }

    /// The scenario's or suite's name.
    public var name: String {
        switch self {
        case let .scenario(scenario): return scenario.name
        case let .suite(suite): return suite.name
        }
    }
}

/// Reads scenario and suite files, turning every fault into an ``InputError`` that names
/// the file, line and field.
public struct ScenarioLoader: Sendable {
    /// The models scenario files may name.
    public let registry: ModelRegistry

    /// Creates a loader for the models in `registry`.
    public init(registry: ModelRegistry = .builtIn) {
        self.registry = registry
    }

    /// Reads `path`: a suite when its top level has a `suite` key, else a scenario.
    public func load(_ path: String) throws -> LoadedFile {
        try load(path, including: [])
    }

    /// Reads `path`, which the suites `chain` include one inside the other.
    private func load(_ path: String, including chain: [String]) throws -> LoadedFile {
        let (root, sha256) = try YAMLFile.parseWithDigest(path)
        if case let .mapping(mapping) = root.node, mapping["suite"] != nil {
            return .suite(try loadSuite(root, including: chain + [path]))
        }
        return .scenario(try decoder.decode(root, sha256: sha256))
    }

    private var decoder: ScenarioDecoder {
        ScenarioDecoder(registry: registry, memoryBudget: MemoryLimit.current.worldBudget)
    }

    // MARK: - Suites

    private func loadSuite(_ root: SpecNode, including chain: [String]) throws -> SuiteSpec {
        let top = try root.mapping(allowed: ScenarioSchema.suiteKeys.names)
        let name = try top.required("suite").string()
        if let description = top["description"] { _ = try description.string() }
        let entries = try top.required("scenarios").sequence()
        guard !entries.isEmpty else { throw try top.required("scenarios").error("list at least one scenario file") }
        let directory = URL(fileURLWithPath: root.file).deletingLastPathComponent()
        var scenarios = [ScenarioSpec]()
        for entry in entries {
            let relative = try entry.string()
            let path = relative.hasPrefix("/") ? relative : directory.appendingPathComponent(relative).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw entry.error("scenario file '\(relative)' not found (looked for \(path))")
            }
            let resolved = Self.resolved(path)
            if let start = chain.firstIndex(where: { Self.resolved($0) == resolved }) {
                let cycle = (chain[start...] + [path]).map { URL(fileURLWithPath: $0).lastPathComponent }
                throw entry.error(
                    "suite include cycle: \(cycle.joined(separator: " → ")); suites list scenario files only")
            }
            guard case let .scenario(scenario) = try load(path, including: chain) else {
                throw entry.error("'\(relative)' is a suite; suites list scenario files only")
            }
            if scenarios.contains(where: { $0.name == scenario.name }) {
                throw entry.error(
                    "two scenarios are named '\(scenario.name)'; scenario names must be unique in a suite")
            }
            scenarios.append(scenario)
        }
        return SuiteSpec(name: name, path: root.file, scenarios: scenarios)
    }

    /// `path` made absolute, with `.`, `..` and symbolic links resolved, to compare files.
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

extension LoadedFile {
    /// Checks that no two scenarios of `files` share a name, as one run's cells are told
    /// apart by it. With `sameFileAllowed` (checking files, not running them), one file
    /// reached twice — a suite and a scenario it lists — is not a clash.
    /// - Throws: ``InputError`` naming the second scenario's file.
    public static func checkDistinctNames(_ files: [LoadedFile], sameFileAllowed: Bool = false) throws {
        var names = [String: String]()
        for scenario in files.flatMap(\.scenarios) {
            if let first = names[scenario.name],
                !(sameFileAllowed && ScenarioLoader.resolved(first) == ScenarioLoader.resolved(scenario.path))
            {
                throw InputError(
                    file: scenario.path, field: "name",
                    message:
                        "scenario '\(scenario.name)' is given more than once (also in \(first)); scenario names must be unique in a run"
                )
            }
            names[scenario.name] = scenario.path
        }
    }
}

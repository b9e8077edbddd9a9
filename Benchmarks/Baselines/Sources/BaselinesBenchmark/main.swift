import Evaluation
import Foundation
import RecData
import Recommenders
import Simulation

// MARK: - Options

/// Command-line options: `--users N --items N --interactions N --adapt-users N --shots K
/// --validation-users N --models a,b,c --seed N`, and `name.param=value` overrides.
struct Options {
    var users = 100_000
    var items = 20_000
    var interactions = 40
    var adaptUsers = 500
    var shots = 10
    var validationUsers = 1_000
    var seed: UInt64 = 1
    var models = [
        "popularity", "recent-popularity", "item-knn", "als", "als-explicit", "bpr",
        "global-network", "fine-tuned-network", "content-based", "linucb",
    ]
    var overrides: [String: [String: ParameterValue]] = [
        "global-network": ["epochs": .int(1)],
        "fine-tuned-network": ["epochs": .int(1)],
    ]

    init(_ arguments: [String]) {
        var rest = arguments.makeIterator()
        while let flag = rest.next() {
            if flag.contains("="), let dot = flag.firstIndex(of: ".") {
                let model = String(flag[..<dot])
                let pair = flag[flag.index(after: dot)...].split(separator: "=", maxSplits: 1).map(String.init)
                overrides[model, default: [:]][pair[0]] = Self.value(pair[1])
                continue
            }
            guard let value = rest.next() else { fatalError("\(flag) needs a value") }
            switch flag {
            case "--users": users = Int(value)!
            case "--items": items = Int(value)!
            case "--interactions": interactions = Int(value)!
            case "--adapt-users": adaptUsers = Int(value)!
            case "--shots": shots = Int(value)!
            case "--validation-users": validationUsers = Int(value)!
            case "--seed": seed = UInt64(value)!
            case "--models": models = value.split(separator: ",").map(String.init)
            default: fatalError("unknown option \(flag)")
            }
        }
    }

    private static func value(_ text: String) -> ParameterValue {
        if let int = Int(text) { return .int(int) }
        if let double = Double(text) { return .double(double) }
        if let bool = Bool(text) { return .bool(bool) }
        return .string(text)
    }
}

// MARK: - Measurement

/// Writes a line at once (unbuffered), so progress shows while later models run.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The process's CPU time so far, in seconds (all threads).
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Wall-clock seconds `body` takes; `cpu` receives the CPU seconds, which a busy shared
/// machine inflates less.
func seconds(cpu: inout Double, _ body: () throws -> Void) rethrows -> Double {
    let (start, startCPU) = (DispatchTime.now().uptimeNanoseconds, cpuSeconds())
    try body()
    cpu = cpuSeconds() - startCPU
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The registry entry and parameters of a benchmark model name (`als-explicit` is ALS with explicit feedback).
func model(_ name: String, options: Options) -> (any Recommender, String) {
    let registered = name == "als-explicit" ? "als" : name
    guard let descriptor = ModelRegistry.builtIn.descriptor(named: registered) else { fatalError("unknown model \(name)") }
    var given = options.overrides[name] ?? [:]
    if name == "als-explicit" { given["feedback"] = .string("explicit") }
    let parameters = descriptor.resolve(given)
    let shown = parameters.values.filter { given[$0.key] != nil }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    return (descriptor.make(parameters, options.seed), shown.joined(separator: " "))
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
var config = EcommerceWorldConfig()
config.users = options.users
config.items = options.items
config.interactionsPerUser = options.interactions
config.minimumInteractions = min(20, options.interactions)
config.latentDimension = 16
config.categories = 20
var world: World?
var generationCPU = 0.0
let generation = seconds(cpu: &generationCPU) { world = EcommerceWorldGenerator(config: config).generate(seed: options.seed) }
let dataset = world!.dataset
world = nil
var coldStart = ColdStartConfig()
coldStart.shots = [options.shots]
let protocolRun = ColdStartProtocol(dataset: dataset, config: coldStart, random: RandomSource(seed: options.seed))
let validation = Array(protocolRun.validationTasks.prefix(options.validationUsers))
let tasks = Array(protocolRun.tasks(shots: options.shots).prefix(options.adaptUsers))
let catalog = dataset.allItems
emit("world: \(dataset.userCount) users x \(dataset.itemCount) items, \(dataset.interactions.count) interactions, generated in \(String(format: "%.1f", generation)) s")
emit("meta-train users: \(protocolRun.training.users.count); validation tasks given: \(validation.count); adaptation measured on \(tasks.count) test users at K = \(options.shots)")
emit("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores\n")
emit("| model | fit wall (s) | fit CPU (s) | adapt wall (ms/user) | adapt CPU (ms/user) | full-catalog scores CPU (ms/user) | parameters changed from defaults |")
emit("|---|---|---|---|---|---|---|")
for name in options.models {
    var (recommender, shown) = model(name, options: options)
    var random = RandomSource(seed: options.seed).stream("fit")
    var (fitCPU, adaptCPU, scoreCPU) = (0.0, 0.0, 0.0)
    let fit = try seconds(cpu: &fitCPU) { try recommender.fit(protocolRun.training, validation: validation, random: &random) }
    var adapted = [any Personalized]()
    let adapt = try seconds(cpu: &adaptCPU) {
        for task in tasks { adapted.append(try recommender.adapt(to: task.support, user: task.user)) }
    }
    var checksum: Float = 0
    _ = seconds(cpu: &scoreCPU) {
        for user in adapted { checksum += user.scores(for: catalog).reduce(0, +) }
    }
    let perUser = { (total: Double) in String(format: "%.3f", 1000 * total / Double(max(tasks.count, 1))) }
    let columns = [String(format: "%.2f", fit), String(format: "%.2f", fitCPU), perUser(adapt), perUser(adaptCPU), perUser(scoreCPU), shown]
    emit("| \(name) | " + columns.joined(separator: " | ") + " |")
    _ = checksum
}

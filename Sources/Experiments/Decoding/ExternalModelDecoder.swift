import Crypto
import Foundation
import Recommenders

/// Decodes a scenario's external model entry:
///
/// ```yaml
/// - name: mymodel
///   external: {command: [python3, my_model.py], timeout_s: 60}
///   params: {inner_steps: 3}
/// ```
///
/// The command runs in the scenario file's directory; `params` are passed to the process
/// as they are. The model's fingerprint (part of the result cache's key) hashes the
/// command and every file it names, so editing the script re-runs its cells.
struct ExternalModelDecoder {
    /// The models scenario files may name, whose names an external model may not take.
    let registry: ModelRegistry

    /// The descriptor and parameters of the external model `name`.
    func decode(name nameNode: SpecNode, external node: SpecNode, params: SpecNode?) throws -> (
        ModelDescriptor, ModelParameters
    ) {
        let name = try nameNode.string()
        guard registry.descriptor(named: name) == nil else {
            throw nameNode.error("'\(name)' is a registered model; an external model needs a name of its own")
        }
        let fields = try node.mapping(allowed: ScenarioSchema.externalKeys.names)
        let commandNode = try fields.required("command")
        let command = try decodeCommand(commandNode)
        let timeout =
            try fields["timeout_s"]?.double(in: ScenarioSchema.externalTimeouts)
            ?? ScenarioSchema.defaultExternalTimeout
        let directory = URL(fileURLWithPath: node.file).deletingLastPathComponent().path
        let config: ExternalModelConfig
        do {
            config = try ExternalModelConfig(command: command, workingDirectory: directory, timeout: timeout)
        } catch {
            throw commandNode.error("\(error)")
        }
        var given = [String: ParameterValue]()
        for (key, value) in try params?.pairs() ?? [] {
            given[key] = try parameterValue(value)
        }
        let descriptor = ExternalRecommender.descriptor(
            name: name, config: config, fingerprint: fingerprint(of: config))
        return (descriptor, ModelParameters(given))
    }

    // MARK: - Fields

    private func decodeCommand(_ node: SpecNode) throws -> [String] {
        let words = try node.sequence(singleAllowed: true).map { try $0.string() }
        guard !words.isEmpty, !words[0].isEmpty else {
            throw node.error("give the program and its arguments as a list, e.g. [python3, my_model.py]")
        }
        if case .scalar = node.node, words[0].contains(" ") {
            throw node.error(
                "give the command as a list of words, e.g. [\(words[0].split(separator: " ").joined(separator: ", "))]")
        }
        return words
    }

    /// A parameter passed to the process as written: a whole number, a real, a switch or a word.
    private func parameterValue(_ node: SpecNode) throws -> ParameterValue {
        guard case let .scalar(scalar) = node.node else {
            throw node.error("parameters of external models are single values (numbers, true/false or words)")
        }
        let text = scalar.string
        if let number = Int(text) { return .int(number) }
        if let number = Double(text), number.isFinite { return .double(number) }
        if let flag = Bool(text.lowercased()) { return .bool(flag) }
        return .string(text)
    }

    // MARK: - Fingerprint

    /// SHA-256 of the command's words and of the contents of every word that names a file
    /// (relative to the working directory), in order.
    private func fingerprint(of config: ExternalModelConfig) -> String {
        var bytes = [UInt8]()
        for word in config.command {
            bytes += word.utf8
            bytes.append(0)
            let path =
                word.hasPrefix("/")
                ? word : URL(fileURLWithPath: config.workingDirectory).appendingPathComponent(word).path
            var isDirectory: ObjCBool = false
            if word != config.command.first || word.contains("/"),
                FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let contents = FileManager.default.contents(atPath: path)
            {
                bytes += Array(SHA256.hexDigest(of: contents).utf8)
                bytes.append(0)
            }
        }
        return SHA256.hexDigest(of: bytes)
    }
}

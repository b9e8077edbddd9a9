import Crypto
import Foundation
import Yams

/// Reads YAML files into ``SpecNode`` trees, turning every fault into an ``InputError``
/// that names the file, line and column.
enum YAMLFile {
    /// The document in the file at `path`.
    static func parse(_ path: String) throws -> SpecNode {
        try parseWithDigest(path).0
    }

    /// The document in the file at `path` and the SHA-256 of its bytes.
    static func parseWithDigest(_ path: String) throws -> (SpecNode, String) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, message: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, message: "the file is not UTF-8 text")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: path)
        } catch {
            throw InputError(file: path, message: "invalid YAML: \(error)")
        }
        guard let node else { throw InputError(file: path, line: 1, message: "the file is empty") }
        return (SpecNode(node: node, path: "", file: path), SHA256.hexDigest(of: data))
    }

    private static func syntaxError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return InputError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let detail = context.text
            return InputError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicated key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) \(detail)"
            )
        default:
            return InputError(file: file, message: "invalid YAML: \(error)")
        }
    }
}

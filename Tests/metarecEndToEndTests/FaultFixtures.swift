import Foundation

/// Small inputs for the fault tests: a world that runs in a second, and folders that
/// cannot be written.
enum FaultFixtures {
    /// A tiny scenario named `name`, with `shots` and `seeds`, written into `directory`.
    @discardableResult
    static func scenario(
        _ name: String, in directory: URL, shots: String = "[0, 3]", seeds: String = "[1]", users: Int = 200
    ) throws -> URL {
        let url = directory.appendingPathComponent("\(name).yaml")
        try Data(
            """
            name: \(name)
            family: ecommerce
            seeds: \(seeds)
            world: {users: \(users), items: 100, categories: 4, latent_dimension: 4, interactions_per_user: 20, min_interactions_per_user: 12}
            protocols:
              cold_start: {shots: \(shots), min_query: 5, bootstrap_resamples: 20}
            models:
              - name: random
              - name: popularity
            metrics: [ndcg@10, hr@10]
            output: {formats: [json]}

            """.utf8
        ).write(to: url)
        return url
    }

    /// A suite named `name` listing `entries`, written into `directory`.
    @discardableResult
    static func suite(_ name: String, in directory: URL, listing entries: [String]) throws -> URL {
        let url = directory.appendingPathComponent("\(name).yaml")
        let list = entries.map { "  - \($0)" }.joined(separator: "\n")
        try Data("suite: \(name)\nscenarios:\n\(list)\n".utf8).write(to: url)
        return url
    }

    /// Makes `url` impossible to change, even for root (`chattr +i`; without it, mode 0555).
    static func makeReadOnly(_ url: URL) throws {
        if (try? run("/usr/bin/chattr", ["+i", url.path])) == 0 { return }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: url.path)
    }

    /// Undoes ``makeReadOnly(_:)``.
    static func makeWritable(_ url: URL) {
        _ = try? run("/usr/bin/chattr", ["-i", url.path])
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    /// Runs a helper program; returns its exit status.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The `results.json` in `directory`, as JSON.
    static func results(in directory: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent("results.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

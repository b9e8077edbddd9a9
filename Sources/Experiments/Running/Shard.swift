import Foundation
import RecData

/// A deterministic share of a suite's cells, for spreading a suite over machines.
///
/// Shard `i` of `n` (1-based) takes the cells whose position in the suite's canonical cell
/// order is `i - 1` modulo `n`: stable across runs and machines, and the shards `1/n … n/n`
/// together hold every cell exactly once.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// This shard's number, `1...count`.
    public let index: Int
    /// The number of shards.
    public let count: Int

    /// Creates a shard; `index` must be in `1...count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `i/n`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// `i/n`.
    public var description: String { "\(index)/\(count)" }

    /// The elements of `cells` (in canonical order) that belong to this shard.
    public func select<T>(_ cells: [T]) -> [T] {
        cells.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }

    /// The shard a batch scheduler assigned through the environment, if any:
    /// `METAREC_SHARD=i/n` (any CI matrix); Slurm job arrays (`SLURM_ARRAY_TASK_ID`,
    /// `SLURM_ARRAY_TASK_COUNT`, and `SLURM_ARRAY_TASK_MIN` when the array does not start
    /// at 0); Kubernetes Indexed Jobs (`JOB_COMPLETION_INDEX`, 0-based, with the count in
    /// `METAREC_SHARD_COUNT`).
    ///
    /// - Throws: a description of the variable at fault when a variable is set but invalid.
    public static func fromEnvironment(_ environment: [String: String]) throws -> Shard? {
        if let text = environment["METAREC_SHARD"] {
            guard let shard = Shard(text) else { throw ShardError("METAREC_SHARD='\(text)' is not i/n with 1 ≤ i ≤ n") }
            return shard
        }
        if let id = environment["SLURM_ARRAY_TASK_ID"] {
            guard let task = Int(id), let total = environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) else {
                throw ShardError("SLURM_ARRAY_TASK_ID='\(id)' needs a numeric SLURM_ARRAY_TASK_COUNT")
            }
            let first = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            guard let shard = Shard(index: task - first + 1, count: total) else {
                throw ShardError(
                    "SLURM_ARRAY_TASK_ID=\(task) is outside an array of \(total) tasks starting at \(first)")
            }
            return shard
        }
        if let id = environment["JOB_COMPLETION_INDEX"] {
            guard let index = Int(id), let total = environment["METAREC_SHARD_COUNT"].flatMap(Int.init),
                let shard = Shard(index: index + 1, count: total)
            else {
                throw ShardError("JOB_COMPLETION_INDEX='\(id)' needs METAREC_SHARD_COUNT greater than it")
            }
            return shard
        }
        return nil
    }
}

/// A shard given through the environment that does not make sense.
public struct ShardError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension ShardError: UserFacingError {}

/// Category codes for the tokens of a categorical feature.
///
/// With `keepingIntegers`, tokens that are all non-negative integers (below 2²⁰) keep their
/// own value as the code (cardinality one more than the largest), so that codes written as
/// RecBole tokens read back unchanged; any other set of tokens is coded by rank among the
/// sorted distinct tokens, which keeps the cardinality at the number of distinct values.
public struct CategoryCoder: Sendable {
    /// The code of each token.
    public let codes: [String: Int32]
    /// The number of categories.
    public let cardinality: Int

    /// Codes for `tokens`.
    public init<Tokens: Sequence>(_ tokens: Tokens, keepingIntegers: Bool = true) where Tokens.Element == String {
        let distinct = Set(tokens)
        let integers = keepingIntegers ? distinct.compactMap { Int32($0) } : []
        if keepingIntegers, integers.count == distinct.count, integers.allSatisfy({ $0 >= 0 }),
            (integers.max() ?? 0) < 1 << 20
        {
            codes = Dictionary(uniqueKeysWithValues: zip(distinct, distinct.map { Int32($0) ?? 0 }))
            cardinality = Int(integers.max() ?? -1) + 1
        } else {
            let sorted = distinct.sorted()
            codes = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
            cardinality = sorted.count
        }
    }

    /// The categorical column of `tokens`.
    public static func categorical(_ tokens: [String], keepingIntegers: Bool = true) -> FeatureColumn {
        let coder = CategoryCoder(tokens, keepingIntegers: keepingIntegers)
        return .categorical(tokens.map { coder.codes[$0] ?? 0 }, cardinality: coder.cardinality)
    }

    /// The multi-valued column of `lists`.
    public static func multiValued(_ lists: [[String]]) -> FeatureColumn {
        let coder = CategoryCoder(lists.joined())
        return .multiValued(lists.map { $0.map { coder.codes[$0] ?? 0 } }, cardinality: coder.cardinality)
    }
}

/// Category codes for the tokens of a categorical feature.
///
/// Tokens that are all non-negative integers keep their own value as the code (cardinality
/// one more than the largest), so coded ids stay recognisable; any other set of tokens is
/// coded by rank among the sorted distinct tokens.
public struct CategoryCoder: Sendable {
    /// The code of each token.
    public let codes: [String: Int32]
    /// The number of categories.
    public let cardinality: Int

    /// Codes for `tokens`.
    public init<Tokens: Sequence>(_ tokens: Tokens) where Tokens.Element == String {
        let distinct = Set(tokens)
        let integers = distinct.compactMap { Int32($0) }
        if integers.count == distinct.count, integers.allSatisfy({ $0 >= 0 }), (integers.max() ?? 0) < 1 << 20 {
            codes = Dictionary(uniqueKeysWithValues: zip(distinct, distinct.map { Int32($0) ?? 0 }))
            cardinality = Int(integers.max() ?? -1) + 1
        } else {
            let sorted = distinct.sorted()
            codes = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
            cardinality = sorted.count
        }
    }

    /// The categorical column of `tokens`.
    public static func categorical(_ tokens: [String]) -> FeatureColumn {
        let coder = CategoryCoder(tokens)
        return .categorical(tokens.map { coder.codes[$0] ?? 0 }, cardinality: coder.cardinality)
    }

    /// The multi-valued column of `lists`.
    public static func multiValued(_ lists: [[String]]) -> FeatureColumn {
        let coder = CategoryCoder(lists.joined())
        return .multiValued(lists.map { $0.map { coder.codes[$0] ?? 0 } }, cardinality: coder.cardinality)
    }
}

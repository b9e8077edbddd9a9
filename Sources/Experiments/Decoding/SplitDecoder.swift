import Evaluation

/// Decodes a protocol's `split` mapping (``SplitFractions/fields``) into meta-train,
/// validation and test user shares, which must sum to 1.
struct SplitDecoder {
    func decode(_ node: SpecNode) throws -> SplitFractions {
        var split = SplitFractions(train: 0, validation: 0, test: 0)
        try node.decode(SplitFractions.fields, into: &split, context: DecodingContext())
        let total = split.train + split.validation + split.test
        guard abs(total - 1) < 1e-6 else {
            throw node.error("train + validation + test must be 1, found \(total)")
        }
        guard split.train > 0, split.test > 0 else { throw node.error("train and test shares must be positive") }
        return split
    }
}

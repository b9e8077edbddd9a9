import Evaluation

/// Decodes a protocol's `split` mapping of user shares, which must sum to 1.
struct SplitDecoder {
    func decode(_ node: SpecNode) throws -> SplitFractions {
        let split = try node.mapping(allowed: ["train", "validation", "test"])
        let train = try split.required("train").double(in: 0...1)
        let validation = try split.required("validation").double(in: 0...1)
        let test = try split.required("test").double(in: 0...1)
        guard abs(train + validation + test - 1) < 1e-6 else {
            throw node.error("train + validation + test must be 1, found \(train + validation + test)")
        }
        guard train > 0, test > 0 else { throw node.error("train and test shares must be positive") }
        return SplitFractions(train: train, validation: validation, test: test)
    }
}

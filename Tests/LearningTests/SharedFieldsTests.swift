import Testing
@testable import Learning

@Suite("Fields shared by every row")
struct SharedFieldsTests {
    /// A batch whose categorical field (and, when `denseShared`, dense field) holds one
    /// value in every row, as a user's own features do when their candidates are scored.
    private func batch(for network: FeatureNetwork, rows: Int, denseShared: Bool, random: inout TestGenerator) -> FeatureBatch {
        let varied = Fixtures.batch(for: network, rows: rows, random: &random)
        return FeatureBatch(rows: rows, columns: varied.columns.map { column in
            switch column {
            case let .codes(codes): return .codes(Array(repeating: codes[0], count: rows))
            case let .dense(values) where denseShared:
                return .dense(Matrix(rows: rows, columns: values.columns, storage: (0..<rows).flatMap { _ in values.storage.prefix(values.columns) }))
            default: return column
            }
        })
    }

    @Test("Folding shared fields into the first bias gives the full forward pass's outputs", arguments: [false, true])
    func sameOutputs(denseShared: Bool) throws {
        for seed in UInt64(1)...5 {
            var random = TestGenerator(seed: seed)
            for adapter in [nil, AdapterPlacement.film(layer: 1)] {
                let network = Fixtures.network(adapter: adapter, random: &random)
                let parameters = Fixtures.parameters(for: network, random: &random)
                let input = batch(for: network, rows: 9, denseShared: denseShared, random: &random)
                let folded = try #require(network.sharedFieldsFolded(input, parameters: parameters))
                let sharedWidth = network.fields[0].width + (denseShared ? network.fields[2].width : 0)
                #expect(folded.input.columns == network.inputWidth - sharedWidth)
                let full = network.forwardTrace(input, parameters: parameters).output.storage
                for (fast, slow) in zip(network.outputs(input, parameters: parameters), full) {
                    #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): \(fast) against \(slow)")
                }
            }
        }
    }

    @Test("Nothing is folded for one row, no shared field, or a low-rank adapter on the first layer")
    func notFolded() {
        var random = TestGenerator(seed: 9)
        let network = Fixtures.network(adapter: nil, random: &random)
        let parameters = Fixtures.parameters(for: network, random: &random)
        #expect(network.sharedFieldsFolded(batch(for: network, rows: 1, denseShared: false, random: &random), parameters: parameters) == nil)
        var distinct = Fixtures.batch(for: network, rows: 6, random: &random)
        if case let .codes(codes) = distinct.columns[0] {
            var columns = distinct.columns
            columns[0] = .codes(codes.enumerated().map { Int32($0.offset % 2) })
            distinct = FeatureBatch(rows: 6, columns: columns)
        }
        #expect(network.sharedFieldsFolded(distinct, parameters: parameters) == nil)
        let lowRank = Fixtures.network(adapter: .lowRank(layer: 0, rank: 2), random: &random)
        let lowRankParameters = Fixtures.parameters(for: lowRank, random: &random)
        #expect(lowRank.sharedFieldsFolded(batch(for: lowRank, rows: 6, denseShared: false, random: &random), parameters: lowRankParameters) == nil)
    }
}

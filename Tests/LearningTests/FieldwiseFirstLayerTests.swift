import Testing

@testable import Learning

@Suite("The first layer computed field by field")
struct FieldwiseFirstLayerTests {
    /// A batch whose categorical field (and, when `denseShared`, dense field; when
    /// `listShared`, list field) holds one value in every row, as a user's own features do
    /// when their candidates are scored.
    private func batch(
        for network: FeatureNetwork, rows: Int, denseShared: Bool, listShared: Bool = false,
        random: inout TestGenerator
    ) -> FeatureBatch {
        let varied = Fixtures.batch(for: network, rows: rows, random: &random)
        return FeatureBatch(
            rows: rows,
            columns: varied.columns.map { column in
                switch column {
                case let .codes(codes): return .codes(Array(repeating: codes[0], count: rows))
                case let .dense(values) where denseShared:
                    return .dense(
                        Matrix(
                            rows: rows, columns: values.columns,
                            storage: (0..<rows).flatMap { _ in values.storage.prefix(values.columns) }))
                case let .lists(lists) where listShared:
                    return .lists(CodeLists(Array(repeating: Array(lists.codes(of: 0)), count: rows)))
                default: return column
                }
            })
    }

    /// `x·W + b` of the first layer, through the encoded input.
    private func firstLayer(_ network: FeatureNetwork, _ batch: FeatureBatch, _ parameters: ParameterSet) -> Matrix {
        let index = network.layerIndices[0]
        return network.layers[0].forward(
            network.encode(batch, parameters: parameters), weight: parameters[index], bias: parameters[index + 1])
    }

    @Test(
        "Shared fields in the bias and projected small tables give the full forward pass's first layer and outputs",
        arguments: [(false, 9, false), (true, 9, false), (false, 40, false), (true, 3, false), (true, 9, true)]
    )
    func sameOutputs(denseShared: Bool, rows: Int, listShared: Bool) throws {
        for seed in UInt64(1)...5 {
            var random = TestGenerator(seed: seed)
            for adapter in [
                nil, AdapterPlacement.film(layer: 1), .film(layer: 0), .lowRank(layer: 1, rank: 2),
                .lowRank(layer: 0, rank: 2),
            ] {
                let network = Fixtures.network(adapter: adapter, random: &random)
                let parameters = Fixtures.parameters(for: network, random: &random)
                let input = batch(
                    for: network, rows: rows, denseShared: denseShared, listShared: listShared, random: &random)
                let fieldwise = try #require(network.fieldwiseFirstLayer(input, parameters: parameters))
                let reference = firstLayer(network, input, parameters)
                for (fast, slow) in zip(fieldwise.storage, reference.storage) {
                    #expect(
                        abs(fast - slow) <= 1e-5 * max(1, abs(slow)),
                        "seed \(seed): first layer \(fast) against \(slow)")
                }
                let full = network.forwardTrace(input, parameters: parameters).output.storage
                for (fast, slow) in zip(network.outputs(input, parameters: parameters), full) {
                    #expect(
                        abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): output \(fast) against \(slow)")
                }
            }
        }
    }

    @Test(
        "Batches of several row blocks: the outputs and features are the forward trace's, rows in order, up to rounding"
    )
    func rowBlocks() throws {
        let rows = 2 * FeatureNetwork.rowBlock + 37
        for seed in UInt64(1)...3 {
            var random = TestGenerator(seed: seed)
            for adapter in [nil, AdapterPlacement.film(layer: 1), .lowRank(layer: 0, rank: 2)] {
                let network = Fixtures.network(adapter: adapter, random: &random)
                let parameters = Fixtures.parameters(for: network, random: &random)
                let input = batch(for: network, rows: rows, denseShared: false, random: &random)
                let trace = network.forwardTrace(input, parameters: parameters)
                let outputs = network.outputs(input, parameters: parameters)
                #expect(outputs.count == trace.output.storage.count)
                for (fast, slow) in zip(outputs, trace.output.storage) {
                    #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): \(fast) against \(slow)")
                }
                guard adapter == nil else { continue }
                let features = network.features(input, parameters: parameters)
                let reference = trace.inputs[network.layers.count - 1]
                #expect(features.rows == rows && features.columns == reference.columns)
                for (fast, slow) in zip(features.storage, reference.storage) {
                    #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): \(fast) against \(slow)")
                }
            }
        }
    }

    @Test(
        "The rows of a batch leave out every field its rows share, lists included: two users' rows for the same items are equal"
    )
    func rowsWithoutSharedFields() throws {
        for seed in UInt64(1)...4 {
            var random = TestGenerator(seed: seed)
            let network = Fixtures.network(adapter: nil, random: &random)
            let parameters = Fixtures.parameters(for: network, random: &random)
            let items = Fixtures.batch(for: network, rows: 11, random: &random).columns[0]
            let users = (0..<2).map { _ in
                let user = Fixtures.batch(for: network, rows: 1, random: &random)
                return FeatureBatch(
                    rows: 11,
                    columns: [items]
                        + user.columns.dropFirst().map { column in
                            switch column {
                            case let .lists(lists):
                                return .lists(CodeLists(Array(repeating: Array(lists.codes(of: 0)), count: 11)))
                            case let .dense(values):
                                return .dense(
                                    Matrix(
                                        rows: 11, columns: values.columns,
                                        storage: Array((0..<11).map { _ in values.storage }.joined())))
                            case .codes: return column
                            }
                        })
            }
            let rows = try users.map { try #require(network.fieldwiseFirstLayerRows($0, parameters: parameters)) }
            #expect(rows[0].storage == rows[1].storage, "seed \(seed)")
            for user in users {
                let whole = try #require(network.fieldwiseFirstLayer(user, parameters: parameters))
                let reference = firstLayer(network, user, parameters)
                for (fast, slow) in zip(whole.storage, reference.storage) {
                    #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): \(fast) against \(slow)")
                }
            }
        }
    }

    @Test(
        "Outputs (and a plain network's features) from a first layer's rows kept from an earlier pass are those computed whole, bit for bit"
    )
    func keptFirstLayer() throws {
        for seed in UInt64(1)...4 {
            var random = TestGenerator(seed: seed)
            for adapter in [
                nil, AdapterPlacement.film(layer: 0), .film(layer: 1), .lowRank(layer: 0, rank: 2),
                .lowRank(layer: 1, rank: 3),
            ] {
                let network = Fixtures.network(adapter: adapter, random: &random)
                var parameters = Fixtures.parameters(for: network, random: &random)
                let input = batch(for: network, rows: 11, denseShared: seed.isMultiple(of: 2), random: &random)
                let kept = try #require(network.fieldwiseFirstLayerRows(input, parameters: parameters))
                if adapter != nil {
                    for index in network.adapterIndices {
                        parameters[index].add(
                            random.matrix(
                                parameters[index].rows, parameters[index].columns, scale: 0.1))
                    }
                }
                #expect(
                    network.outputs(input, parameters: parameters, firstRows: kept)
                        == network.outputs(input, parameters: parameters),
                    "seed \(seed), \(String(describing: adapter))")
                if adapter == nil {
                    #expect(
                        network.features(input, parameters: parameters, firstRows: kept)
                            == network.features(input, parameters: parameters),
                        "seed \(seed): features")
                }
            }
        }
    }

    @Test(
        "A list field with no more categories than rows is projected, not multiplied: the same first layer from its table alone"
    )
    func projectedList() throws {
        var random = TestGenerator(seed: 4)
        let network = FeatureNetwork(fields: [.multiValued(cardinality: 3, dimension: 2)], hiddenWidths: [4])
        let parameters = Fixtures.parameters(for: network, random: &random)
        let lists = CodeLists([[0, 2], [1], [], [2, 2, 0], [1, 0]])
        let input = FeatureBatch(rows: 5, columns: [.lists(lists)])
        let fieldwise = try #require(network.fieldwiseFirstLayer(input, parameters: parameters))
        let reference = firstLayer(network, input, parameters)
        for (fast, slow) in zip(fieldwise.storage, reference.storage) {
            #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)))
        }
    }

    @Test(
        "Small tables gathered in one pass, dense values and a table's consecutive rows multiplied where they lie give the encoded input's first layer, outputs and features, for 0 to 3 hidden layers",
        arguments: [0, 7])
    func gatheredAndInPlace(firstCode: Int) throws {
        for seed in UInt64(1)...4 {
            var random = TestGenerator(seed: seed)
            let rows = 12
            let network = FeatureNetwork(
                fields: [
                    .categorical(cardinality: 3, dimension: 2), .categorical(cardinality: 4, dimension: 3),
                    .categorical(cardinality: 5, dimension: 2), .multiValued(cardinality: 3, dimension: 2),
                    .dense(dimension: 3), .categorical(cardinality: firstCode + rows, dimension: 4),
                    .dense(dimension: 1),
                ], hiddenWidths: [[9, 5], [6], [], [4, 3, 2]][Int(seed) - 1],
                outputWidth: seed.isMultiple(of: 2) ? 2 : 1)
            let parameters = Fixtures.parameters(for: network, random: &random)
            var columns = Fixtures.batch(for: network, rows: rows, random: &random).columns
            columns[0] = .codes(Array(repeating: 2, count: rows))
            columns[5] = .codes((0..<rows).map { Int32(firstCode + $0) })
            let input = FeatureBatch(rows: rows, columns: columns)
            #expect(FeatureNetwork.firstConsecutiveCode(columns[5]) == firstCode)
            #expect(FeatureNetwork.firstConsecutiveCode(.codes([1, 2, 4])) == nil)
            let fieldwise = try #require(network.fieldwiseFirstLayer(input, parameters: parameters))
            let reference = firstLayer(network, input, parameters)
            #expect(fieldwise.rows == rows && fieldwise.columns == reference.columns)
            for (fast, slow) in zip(fieldwise.storage, reference.storage) {
                #expect(
                    abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): first layer \(fast) against \(slow)")
            }
            let full = network.forwardTrace(input, parameters: parameters).output.storage
            let outputs = network.outputs(input, parameters: parameters)
            #expect(outputs.count == full.count)
            for (fast, slow) in zip(outputs, full) {
                #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): output \(fast) against \(slow)")
            }
            guard !network.hiddenWidths.isEmpty else { continue }
            let trace = network.forwardTrace(input, parameters: parameters)
            let features = network.features(input, parameters: parameters)
            for (fast, slow) in zip(features.storage, trace.inputs[network.layers.count - 1].storage) {
                #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): feature \(fast) against \(slow)")
            }
        }
    }

    @Test("Nothing is computed field by field for one row, or nothing shared or small")
    func notFieldwise() {
        var random = TestGenerator(seed: 9)
        let network = Fixtures.network(adapter: nil, random: &random)
        let parameters = Fixtures.parameters(for: network, random: &random)
        #expect(
            network.fieldwiseFirstLayer(
                batch(for: network, rows: 1, denseShared: false, random: &random), parameters: parameters) == nil)
        var distinct = Fixtures.batch(for: network, rows: 2, random: &random)
        var columns = distinct.columns
        columns[0] = .codes([0, 1])
        columns[1] = .lists(CodeLists([[0], [1, 2]]))
        distinct = FeatureBatch(rows: 2, columns: columns)
        #expect(network.fieldwiseFirstLayer(distinct, parameters: parameters) == nil)
    }

    @Test(
        "A low-rank adapter's projection x·A of the first layer, field by field beside x·W + b, is the encoded input's"
    )
    func lowRankProjection() throws {
        for seed in UInt64(1)...5 {
            var random = TestGenerator(seed: seed)
            let network = Fixtures.network(adapter: .lowRank(layer: 0, rank: 3), random: &random)
            let parameters = Fixtures.parameters(for: network, random: &random)
            let input = batch(for: network, rows: 12, denseShared: seed.isMultiple(of: 2), random: &random)
            let down = parameters[network.adapterIndices[0]]
            let products = try #require(
                network.fieldwiseProducts(
                    input,
                    weights: [
                        (parameters[network.layerIndices[0]], parameters[network.layerIndices[0] + 1]),
                        (down, Matrix(rows: 1, columns: 3)),
                    ], parameters: parameters))
            #expect(products[0].whole == network.fieldwiseFirstLayer(input, parameters: parameters))
            let reference = Matrix.product(network.encode(input, parameters: parameters), down)
            let projection = products[1].whole
            #expect(projection.rows == 12 && projection.columns == 3)
            for (fast, slow) in zip(projection.storage, reference.storage) {
                #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): x·A \(fast) against \(slow)")
            }
        }
    }

    @Test(
        "With or without an adapter the outputs alone are the forward trace's outputs bit for bit when nothing is computed field by field",
        arguments: [1, 2, 17]
    )
    func outputsWithoutTrace(rows: Int) {
        for seed in UInt64(1)...4 {
            for adapter in [
                nil, AdapterPlacement.film(layer: 0), .film(layer: 1), .lowRank(layer: 0, rank: 2),
                .lowRank(layer: 1, rank: 3),
            ] {
                outputsWithoutTrace(rows: rows, seed: seed, adapter: adapter)
            }
        }
    }

    private func outputsWithoutTrace(rows: Int, seed: UInt64, adapter: AdapterPlacement?) {
        var random = TestGenerator(seed: seed)
        let network = Fixtures.network(
            adapter: adapter, random: &random, loss: seed.isMultiple(of: 2) ? "joint" : "mse")
        let parameters = Fixtures.parameters(for: network, random: &random)
        var columns = Fixtures.batch(for: network, rows: rows, random: &random).columns
        columns[0] = .codes((0..<rows).map { Int32($0 % 2) })
        columns[1] = .lists(CodeLists((0..<rows).map { [Int32($0 % 3)] }))
        let input = FeatureBatch(rows: rows, columns: columns)
        #expect(network.fieldwiseFirstLayer(input, parameters: parameters) == nil || rows > 2)
        let traced = network.forwardTrace(input, parameters: parameters).output.storage
        let outputs = network.outputs(input, parameters: parameters)
        #expect(outputs.count == rows * network.outputWidth)
        if network.fieldwiseFirstLayer(input, parameters: parameters) == nil {
            #expect(outputs == traced, "seed \(seed), \(String(describing: adapter))")
        } else {
            for (fast, slow) in zip(outputs, traced) {
                #expect(abs(fast - slow) <= 1e-5 * max(1, abs(slow)), "seed \(seed): \(fast) against \(slow)")
            }
        }
    }
}

import Testing

@testable import Learning

/// The one-pass rectified layer and the one-pass inner step give, bit for bit, what the
/// two-pass computations they replace give.
@Suite("One-pass rectified layer and inner step")
struct RectifiedForwardTests {
    @Test(
        "A rectified layer equals forward then rectify bit for bit (the bias added after the product, widths of eight lanes or not, products in several blocks)",
        arguments: [(1, 64), (7, 40), (300, 64), (1_100, 16), (9, 12)])
    func rectifiedForward(rows: Int, width: Int) {
        var random = TestGenerator(seed: UInt64(rows * 100 + width))
        let layer = DenseLayer(inputWidth: 37, outputWidth: width)
        let input = random.matrix(rows, 37)
        let weight = random.matrix(37, width)
        var bias = random.matrix(1, width, scale: 3)
        bias.storage[0] = -0.0
        var expected = layer.forward(input, weight: weight, bias: bias)
        let negative = expected.storage.filter { $0 < 0 }.count
        #expect(negative > 0 && negative < expected.count, "the fixture must rectify some entries, not all")
        expected.rectify()
        let fused = layer.rectifiedForward(input, weight: weight, bias: bias)
        #expect(fused.rows == rows && fused.columns == width)
        #expect(fused.storage.map(\.bitPattern) == expected.storage.map(\.bitPattern))
    }

    @Test("An inner step written in one pass equals the update in place bit for bit", arguments: [0.5 as Float, 0.013])
    func oneStep(rate: Float) {
        var random = TestGenerator(seed: 11)
        let theta = random.matrix(9, 13, scale: 4)
        let gradient = random.matrix(9, 13, scale: 100)
        var inPlace = theta
        inPlace.add(gradient, scaledBy: -rate)
        let written = theta.subtracting(gradient, scaledBy: rate)
        #expect(written.storage.map(\.bitPattern) == inPlace.storage.map(\.bitPattern))
        #expect(written != theta)
    }
}

import Testing

@testable import RecData

@Suite("Random source")
struct RandomSourceTests {
    @Test("SplitMix64 reproduces the reference outputs for seed 1234567")
    func splitMixReference() {
        var generator = SplitMix64(seed: 1_234_567)
        let outputs = (0..<5).map { _ in generator.next() }
        #expect(
            outputs == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
            ])
    }

    @Test("xoshiro256** reproduces the reference outputs for state (1, 2, 3, 4)")
    func xoshiroReference() {
        var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let outputs = (0..<10).map { _ in generator.next() }
        #expect(
            outputs == [
                11_520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
                607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
                10_595_114_339_597_558_777, 2_904_607_092_377_533_576,
            ])
    }

    @Test("A derived stream does not depend on how much the parent has drawn")
    func streamsIgnoreConsumption() {
        let fresh = RandomSource(seed: 42)
        var used = RandomSource(seed: 42)
        for _ in 0..<100 { _ = used.next() }
        var a = fresh.stream(7)
        var b = used.stream(7)
        #expect((0..<8).map { _ in a.next() } == (0..<8).map { _ in b.next() })
    }

    @Test("Different labels and seeds give different streams")
    func streamsDiffer() {
        let root = RandomSource(seed: 42)
        var first = root.stream(1)
        var second = root.stream(2)
        var named = root.stream("catalog")
        var otherSeed = RandomSource(seed: 43).stream(1)
        let a = (0..<4).map { _ in first.next() }
        #expect(a != (0..<4).map { _ in second.next() })
        #expect(a != (0..<4).map { _ in named.next() })
        #expect(a != (0..<4).map { _ in otherSeed.next() })
    }

    @Test("Text labels hash stably (FNV-1a), not with the per-process Hasher")
    func textLabelsAreStable() {
        let root = RandomSource(seed: 0)
        // FNV-1a 64 of "a" is 0xAF63DC4C8601EC8C.
        #expect(root.stream("a").key == root.stream(0xAF63_DC4C_8601_EC8C).key)
    }

    @Test("nextIndex stays in range and is close to uniform")
    func indexUniformity() {
        var random = RandomSource(seed: 9)
        var counts = Array(repeating: 0, count: 6)
        let draws = 60_000
        for _ in 0..<draws { counts[random.nextIndex(below: 6)] += 1 }
        let expected = Double(draws) / 6
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 5 degrees of freedom: P(chi2 > 20.5) ≈ 0.001.
        #expect(chiSquare < 20.5)
    }

    @Test("Gaussian draws have mean 0 and variance 1")
    func gaussianMoments() {
        var random = RandomSource(seed: 3)
        let values = (0..<50_000).map { _ in random.nextGaussian() }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.03)
    }

    @Test("nextUnit lies in [0, 1)")
    func unitRange() {
        var random = RandomSource(seed: 5)
        for _ in 0..<10_000 {
            let value = random.nextUnit()
            #expect(value >= 0 && value < 1)
        }
    }

    @Test("A shuffle is a permutation and depends on the seed")
    func shuffle() {
        var first = RandomSource(seed: 1)
        var second = RandomSource(seed: 2)
        var a = Array(0..<50)
        var b = Array(0..<50)
        first.shuffle(&a)
        second.shuffle(&b)
        #expect(a.sorted() == Array(0..<50))
        #expect(a != Array(0..<50))
        #expect(a != b)
    }
}

import RecData
import Testing

@testable import Evaluation

@Suite("User split")
struct UserSplitTests {
    @Test("Parts are disjoint, cover every user and have the configured sizes")
    func partition() {
        let split = UserSplit(
            userCount: 1000, fractions: SplitFractions(train: 0.7, validation: 0.1, test: 0.2),
            random: RandomSource(seed: 1))
        #expect(split.train.count == 700)
        #expect(split.validation.count == 100)
        #expect(split.test.count == 200)
        let all = Set(split.train + split.validation + split.test)
        #expect(all.count == 1000)
    }

    @Test("The split depends on the seed and only on it")
    func seeded() {
        let fractions = SplitFractions(train: 0.5, validation: 0.2, test: 0.3)
        let a = UserSplit(userCount: 100, fractions: fractions, random: RandomSource(seed: 1))
        let b = UserSplit(userCount: 100, fractions: fractions, random: RandomSource(seed: 1))
        let c = UserSplit(userCount: 100, fractions: fractions, random: RandomSource(seed: 2))
        #expect(a == b)
        #expect(a.test != c.test)
    }
}

import Evaluation
import RecData
import Testing

@Suite("Oracle-relative metrics")
struct OracleRelativeTests {
    // Utilities 3, −1, 2, 0: worst −1, so shifted utilities are 4, 0, 3, 1 and the
    // oracle's top two are candidates 0 and 2.
    private let oracle = OracleUtilities([3, -1, 2, 0], depth: 2)

    @Test("hand values for a list of candidates 2 and 3")
    func handValues() {
        #expect(abs(OracleRelative.ndcg(recommended: [2, 3], oracle: oracle, k: 2) - 0.6161648742095499) < 1e-12)
        #expect(abs(OracleRelative.utilityShare(recommended: [2, 3], oracle: oracle, k: 2) - 4.0 / 7) < 1e-12)
        #expect(OracleRelative.regret(recommended: [2, 3], oracle: oracle, k: 2) == 3)
    }

    @Test("the oracle's own list is perfect")
    func perfect() {
        #expect(OracleRelative.ndcg(recommended: [0, 2], oracle: oracle, k: 2) == 1)
        #expect(OracleRelative.utilityShare(recommended: [0, 2], oracle: oracle, k: 2) == 1)
        #expect(OracleRelative.regret(recommended: [0, 2], oracle: oracle, k: 2) == 0)
    }

    @Test("utilities from a closure over candidate items")
    func closure() {
        let candidates = [ItemID(index: 5), ItemID(index: 9)]
        let prepared = OracleUtilities(candidates: candidates, depth: 1) { Double($0.index) }
        #expect(prepared.utilities == [5, 9])
        #expect(prepared.best == [9])
        #expect(OracleRelative.regret(recommended: [0], oracle: prepared, k: 1) == 4)
    }

    @Test("equal utilities make every list perfect")
    func flat() {
        let flat = OracleUtilities([1, 1, 1], depth: 2)
        #expect(OracleRelative.ndcg(recommended: [2, 1], oracle: flat, k: 2) == 1)
        #expect(OracleRelative.utilityShare(recommended: [2, 1], oracle: flat, k: 2) == 1)
    }
}

import Learning
import Testing

@Suite("Cholesky solver")
struct CholeskySolverTests {
    @Test("A hand-solved 2 × 2 system with two right-hand sides")
    func handSolved() throws {
        // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0]; = [6, 7] → x = [0.5, 2].
        let solution = try #require(
            CholeskySolver.solve([4, 2, 2, 3], size: 2, rightHandSides: [2, 6, 1, 7], columns: 2))
        for (value, expected) in zip(solution, [0.5, 0.5, 0, 2]) { #expect(abs(value - expected) < 1e-12) }
    }

    @Test("A matrix that is not positive definite is refused")
    func indefinite() {
        #expect(CholeskySolver.solve([1, 2, 2, 1], size: 2, rightHandSides: [1, 1], columns: 1) == nil)
    }

    @Test("One right-hand side: a 3 × 3 system solved by hand")
    func single() throws {
        // [[4, 2, 0], [2, 5, 1], [0, 1, 2]] x = [6, 8, 3] → x = [1, 1, 1].
        let solution = try #require(CholeskySolver.solve([4, 2, 0, 2, 5, 1, 0, 1, 2], [6, 8, 3]))
        for value in solution { #expect(abs(value - 1) < 1e-12) }
    }
}

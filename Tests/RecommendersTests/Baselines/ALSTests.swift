import Learning
import RecData
import Testing

@testable import Recommenders

@Suite("ALS")
struct ALSTests {
    private let training = BaselineFixtures.randomRatings(users: 40, items: 25, perUser: 8, seed: 3)

    private func fitted(_ feedback: ALS.Feedback, lambda: Double = 0.5, iterations: Int = 8) throws -> ALS {
        var model = ALS(feedback: feedback, factors: 4, lambda: lambda, alpha: 5, iterations: iterations)
        var random = RandomSource(seed: 11)
        try model.fit(training, validation: [], random: &random)
        return model
    }

    /// Solves `A x = b` by Gaussian elimination with partial pivoting, in `Double`.
    private func gaussianSolve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var m = a
        var v = b
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            m.swapAt(column, pivot)
            v.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = m[row][column] / m[column][column]
                for k in column..<n { m[row][k] -= factor * m[column][k] }
                v[row] -= factor * v[column]
            }
        }
        var x = Array(repeating: 0.0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            x[row] = (v[row] - ((row + 1)..<n).reduce(0.0) { $0 + m[row][$1] * x[$1] }) / m[row][row]
        }
        return x
    }

    @Test("Explicit fold-in is the closed-form ridge solution (Y_SᵀY_S + λI)⁻¹(Y_Sᵀ(r − μ − b_S) + λx̄)")
    func explicitFoldIn() throws {
        let model = try fitted(.explicit, lambda: 0.7)
        let items = try #require(model.model)
        let support = [(3, Float(5)), (7, Float(2)), (11, Float(4))].map {
            Interaction(user: UserID(99), item: ItemID(index: $0.0), time: 0, value: $0.1)
        }
        let user = items.user(support)
        let f = 4
        var a = (0..<f).map { i in (0..<f).map { j in i == j ? 0.7 : 0.0 } }
        var b = items.userMean.map { 0.7 * Double($0) }
        for interaction in support {
            let row = interaction.item.index
            let target = Double(interaction.value - items.offset - items.biases[row])
            for i in 0..<f {
                b[i] += Double(items.factors[row, i]) * target
                for j in 0..<f { a[i][j] += Double(items.factors[row, i]) * Double(items.factors[row, j]) }
            }
        }
        let expected = gaussianSolve(a, b)
        for d in 0..<f { #expect(abs(Double(user.vector[d]) - expected[d]) < 1e-4) }
        let predicted = user.scores(for: [ItemID(0)])[0]
        let byHand =
            items.offset + items.biases[0]
            + (0..<f).reduce(Float(0)) { $0 + items.factors[0, $1] * Float(expected[$1]) }
        #expect(abs(predicted - byHand) < 1e-4)
    }

    @Test("Implicit fold-in is Hu et al.'s closed form (YᵀY + αY_SᵀY_S + λI)⁻¹((1 + α)Y_Sᵀ1 + λx̄)")
    func implicitFoldIn() throws {
        let model = try fitted(.implicit, lambda: 0.7)
        let items = try #require(model.model)
        let user = items.user(BaselineFixtures.support([2, 5, 5, 9], user: 99))
        let f = 4
        var a = (0..<f).map { i in (0..<f).map { j in i == j ? 0.7 : 0.0 } }
        var b = items.userMean.map { 0.7 * Double($0) }
        for item in 0..<25 {
            let confidence = [2, 5, 9].contains(item) ? 6.0 : 1.0
            for i in 0..<f {
                if confidence > 1 { b[i] += confidence * Double(items.factors[item, i]) }
                for j in 0..<f {
                    a[i][j] += confidence * Double(items.factors[item, i]) * Double(items.factors[item, j])
                }
            }
        }
        let expected = gaussianSolve(a, b)
        for d in 0..<f { #expect(abs(Double(user.vector[d]) - expected[d]) < 1e-3 * max(1, abs(expected[d]))) }
    }

    @Test("A user with no support is the mean meta-train user")
    func emptySupport() throws {
        let items = try #require(try fitted(.implicit).model)
        #expect(items.user([]).vector == items.userMean)
        #expect(items.userMean.contains { $0 != 0 })
    }

    @Test("The training loss never rises from sweep to sweep", arguments: [ALS.Feedback.explicit, .implicit])
    func monotoneLoss(feedback: ALS.Feedback) throws {
        let history = try fitted(feedback, iterations: 12).lossHistory
        #expect(history.count == 12)
        for (before, after) in zip(history, history.dropFirst()) {
            #expect(after <= before * (1 + 1e-6), "\(history)")
        }
        #expect(history.last! < history.first!)
    }

    @Test("Explicit ALS predicts ratings on the scale; implicit ALS does not predict ratings")
    func ratings() throws {
        let explicit = try fitted(.explicit).adapt(to: [], user: UserID(1)).predictedRatings(
            for: BaselineFixtures.items(25))
        #expect(try #require(explicit).allSatisfy { (1...5).contains($0) })
        #expect(try fitted(.implicit).adapt(to: [], user: UserID(1)).predictedRatings(for: [ItemID(0)]) == nil)
    }
}

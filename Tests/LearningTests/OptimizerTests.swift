import Testing
@testable import Learning

@Suite("Optimizers and clipping")
struct OptimizerTests {
    private let start = ParameterSet([Matrix([[1, -2]]), Matrix([[0.5]])])
    private let gradient = ParameterSet([Matrix([[0.1, -4]]), Matrix([[0]])])

    @Test("SGD with momentum and weight decay follows its recurrence")
    func sgd() {
        var optimizer = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        var theta = start
        optimizer.step(&theta, gradient: gradient)
        // g + λθ = [0.11, -4.02], [0.005]; velocity = that; θ -= 0.1 · velocity.
        #expect(abs(theta[0][0, 0] - (1 - 0.011)) < 1e-6)
        #expect(abs(theta[0][0, 1] - (-2 + 0.402)) < 1e-6)
        #expect(abs(theta[1][0, 0] - (0.5 - 0.0005)) < 1e-6)
        let before = theta
        optimizer.step(&theta, gradient: gradient)
        // velocity = 0.9 · v₁ + g₂ + λθ₁.
        let expected = before[0][0, 0] - 0.1 * (0.9 * 0.11 + 0.1 + 0.01 * before[0][0, 0])
        #expect(abs(theta[0][0, 0] - expected) < 1e-6)
    }

    @Test("Adam's first step moves every coordinate with a gradient by the learning rate")
    func adamFirstStep() {
        var optimizer = Adam(learningRate: 0.01)
        var theta = start
        optimizer.step(&theta, gradient: gradient)
        #expect(abs(theta[0][0, 0] - 0.99) < 1e-5)
        #expect(abs(theta[0][0, 1] - (-1.99)) < 1e-5)
        #expect(theta[1][0, 0] == 0.5)
    }

    @Test("Adam minimizes a quadratic; decoupled decay shrinks toward zero")
    func adamConverges() {
        var optimizer = Adam(learningRate: 0.05)
        var theta = ParameterSet([Matrix([[3, -1]])])
        let target = Matrix([[1, 2]])
        for _ in 0..<500 {
            var g = theta
            g[0].add(target, scaledBy: -1)
            optimizer.step(&theta, gradient: g)
        }
        #expect(abs(theta[0][0, 0] - 1) < 1e-2 && abs(theta[0][0, 1] - 2) < 1e-2)
        var decayed = Adam(learningRate: 0.1, weightDecay: 0.5, decoupledWeightDecay: true)
        var weights = ParameterSet([Matrix([[4]])])
        decayed.step(&weights, gradient: ParameterSet([Matrix([[0]])]))
        #expect(abs(weights[0][0, 0] - 4 * (1 - 0.05)) < 1e-6)
    }

    @Test("Clipping rescales long gradients to the bound and leaves short ones")
    func clipping() {
        var long = ParameterSet([Matrix([[3, 4]])])
        let norm = GradientClipping.clip(&long, maxNorm: 1)
        #expect(abs(norm - 5) < 1e-9)
        #expect(abs(long.norm - 1) < 1e-6)
        #expect(abs(long[0][0, 0] - 0.6) < 1e-6)
        var short = ParameterSet([Matrix([[0.3, 0.4]])])
        GradientClipping.clip(&short, maxNorm: 1)
        #expect(short[0] == Matrix([[0.3, 0.4]]))
    }
}

import Foundation
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

    @Test("Adam's eight-lane kernel gives exactly the scalar recurrence, lanes and tail alike, step after step")
    func adamLanesMatchScalar() {
        var random = TestGenerator(seed: 21)
        let shapes = [(3, 5), (1, 8), (1, 1), (4, 7)]
        var theta = ParameterSet(shapes.map { random.matrix($0.0, $0.1) })
        var reference = theta.tensors.map(\.storage)
        var (m, v) = (reference.map { $0.map { _ in Float(0) } }, reference.map { $0.map { _ in Float(0) } })
        var optimizer = Adam(learningRate: 0.03)
        let (beta1, beta2, epsilon): (Float, Float, Float) = (0.9, 0.999, 1e-8)
        for step in 1...4 {
            let gradient = ParameterSet(shapes.map { random.matrix($0.0, $0.1) })
            optimizer.step(&theta, gradient: gradient)
            let stepSize = 0.03 / (1 - Float(pow(Double(beta1), Double(step))))
            let correction2 = 1 - Float(pow(Double(beta2), Double(step)))
            for t in reference.indices {
                for i in reference[t].indices {
                    let g = gradient[t].storage[i]
                    m[t][i] = beta1 * m[t][i] + (1 - beta1) * g
                    v[t][i] = beta2 * v[t][i] + (1 - beta2) * g * g
                    reference[t][i] -= stepSize * m[t][i] / ((v[t][i] / correction2).squareRoot() + epsilon)
                }
                #expect(theta[t].storage == reference[t], "step \(step), tensor \(t)")
            }
        }
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

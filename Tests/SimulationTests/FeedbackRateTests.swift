import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

/// Feedback in the log against the oracle's feedback distributions, at the moments the
/// choices were made (with every drift process switched on, so this also checks that
/// the oracle's time-aware truth is the one the log was drawn from).
@Suite("Feedback rates come out as configured")
struct FeedbackRateTests {
    @Test("Purchases, ratings given and rating levels match the oracle's probabilities")
    func ecommerce() {
        let world = TestWorlds.ecommerce
        var purchases = 0.0
        var expectedPurchases = 0.0
        var purchaseVariance = 0.0
        var rated = 0.0
        var purchased = 0.0
        var ratingCounts = [Double](repeating: 0, count: 5)
        var expectedRatings = [Double](repeating: 0, count: 5)
        for choice in world.log.allChoices(dataset: world.dataset) {
            let event = choice.interaction
            let truth = world.oracle.feedback(user: event.user, item: event.item, at: event.time)
            let p = truth.purchase!
            expectedPurchases += p
            purchaseVariance += p * (1 - p)
            guard choice.details.purchased else { continue }
            purchases += 1
            purchased += 1
            if let rating = choice.details.rating {
                rated += 1
                ratingCounts[rating - 1] += 1
                for level in 0..<5 { expectedRatings[level] += truth.ratings![level] }
            }
        }
        #expect(abs(purchases - expectedPurchases) < Fixtures.z * purchaseVariance.squareRoot())
        let q = TestWorlds.ecommerceConfig.ratingProbability
        #expect(abs(rated / purchased - q) < Fixtures.z * (q * (1 - q) / purchased).squareRoot())
        let chiSquare = zip(ratingCounts, expectedRatings).reduce(0.0) { sum, pair in
            pair.1 > 0 ? sum + (pair.0 - pair.1) * (pair.0 - pair.1) / pair.1 : sum
        }
        // 4 degrees of freedom: P(χ² > 23.5) ≈ 1e-4.
        #expect(chiSquare < 23.5)
    }

    @Test("Likes and watch fractions match the oracle's distributions")
    func video() {
        let world = TestWorlds.video
        var likes = 0.0
        var expectedLikes = 0.0
        var likeVariance = 0.0
        var watched = 0.0
        var expectedWatched = 0.0
        var watchVariance = 0.0
        for choice in world.log.allChoices(dataset: world.dataset) {
            let event = choice.interaction
            let truth = world.oracle.feedback(user: event.user, item: event.item, at: event.time)
            let p = truth.like!
            likes += choice.details.liked ? 1 : 0
            expectedLikes += p
            likeVariance += p * (1 - p)
            watched += Double(event.value)
            let mean = truth.expectedWatchFraction!
            expectedWatched += mean
            watchVariance +=
                Self.logitNormalSecondMoment(location: truth.watchLocation!, spread: truth.watchSpread!) - mean * mean
            #expect(abs(Double(choice.details.watchFraction!) - Double(event.value)) < 1e-4)
        }
        #expect(abs(likes - expectedLikes) < Fixtures.z * likeVariance.squareRoot())
        #expect(abs(watched - expectedWatched) < Fixtures.z * watchVariance.squareRoot())
    }

    @Test("Choices fall on earlier slate positions more often, as the position bias says")
    func positionBias() throws {
        let histogram = try #require(TestWorlds.news.summary().feedback["position"])
        let first = Double(histogram["0"] ?? 0)
        let last = Double(histogram["9"] ?? 0)
        #expect(first > 1.5 * last)
    }

    /// E[σ(location + spread·ε)²] by Simpson's rule.
    static func logitNormalSecondMoment(location: Double, spread: Double) -> Double {
        let steps = 400
        let width = 16.0 / Double(steps)
        var total = 0.0
        for step in 0...steps {
            let z = -8 + Double(step) * width
            let weight: Double = step == 0 || step == steps ? 1 : (step % 2 == 1 ? 4 : 2)
            let value = 1 / (1 + exp(-(location + spread * z)))
            total += weight * exp(-z * z / 2) / (2 * Double.pi).squareRoot() * value * value
        }
        return total * width / 3
    }
}

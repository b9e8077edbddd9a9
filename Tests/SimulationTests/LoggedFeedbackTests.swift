import Testing

@testable import Simulation

@Suite("Logged feedback")
struct LoggedFeedbackTests {
    @Test("Details pack into 32 bits and unpack unchanged")
    func roundTrip() {
        let details = LoggedFeedback(
            position: 7, purchased: true, liked: false, rating: 4, watchFraction: nil, inDataset: true)
        #expect(
            details.position == 7 && details.purchased && !details.liked && details.rating == 4 && details.inDataset)
        #expect(details.watchFraction == nil)
        let watch = LoggedFeedback(position: 300, liked: true, watchFraction: 0.25, inDataset: false)
        #expect(watch.position == 255 && watch.liked && !watch.purchased && watch.rating == nil && !watch.inDataset)
        #expect(abs(watch.watchFraction! - 0.25) < 1e-4)
        #expect(MemoryLayout<LoggedFeedback>.stride == 4)
    }
}

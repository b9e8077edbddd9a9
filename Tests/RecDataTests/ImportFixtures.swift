import Foundation

@testable import RecData

/// The fixture files under `Tests/RecDataTests/Fixtures/`, written for these tests.
enum ImportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func folder(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// The error `body` throws; records an issue when it throws none or another kind.
    static func error(_ body: () throws -> Void) -> DataImportError? {
        do {
            try body()
            return nil
        } catch let error as DataImportError {
            return error
        } catch {
            return nil
        }
    }
}

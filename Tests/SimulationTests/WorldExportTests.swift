import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

@Suite("World exports")
struct WorldExportTests {
    private func directory() -> URL {
        Scratch.directory("metarec-export")
    }

    @Test("A world's RecBole files read back as its dataset", arguments: WorldFamily.allCases)
    func recBoleRoundTrip(family: WorldFamily) throws {
        let world = TestWorlds.world(family)
        let folder = directory()
        let urls = try world.writeRecBole(to: folder, name: family.rawValue)
        #expect(
            urls.map(\.lastPathComponent) == [
                "\(family.rawValue).inter", "\(family.rawValue).user", "\(family.rawValue).item",
            ])
        let read = try RecBoleDataset.loadDataset(
            from: folder, name: family.rawValue, valueField: world.valueFieldName, feedback: world.dataset.feedback)
        #expect(read.interactions == world.dataset.interactions)
        #expect(read.feedback == world.dataset.feedback)
        #expect(read.users.schema.map(\.name) == world.dataset.users.schema.map(\.name))
        #expect(read.items.schema.map(\.name) == world.dataset.items.schema.map(\.name))
        for ((_, original), (_, copy)) in zip(world.dataset.items.columns, read.items.columns) {
            switch (original, copy) {
            case let (.categorical(a, _), .categorical(b, _)): #expect(a == b)
            case let (.multiValued(a, _), .multiValued(b, _)): #expect(a == b)
            case let (.numeric(a), .numeric(b)), let (.dense(a, _), .dense(b, _)): #expect(a == b)
            default: Issue.record("column kinds differ: \(original.kind) and \(copy.kind)")
            }
        }
        let header = try String(contentsOf: urls[0], encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.hasPrefix("user_id:token\titem_id:token\ttimestamp:float"))
        #expect(header.contains("position:float"))
    }

    @Test("The CSV export holds every logged choice with its details")
    func csv() throws {
        let world = TestWorlds.ecommerce
        let folder = directory()
        let urls = try world.writeCSV(to: folder)
        let lines = try String(contentsOf: urls[0], encoding: .utf8).split(separator: "\n")
        #expect(lines.count == world.log.choiceCount + 1)
        #expect(lines[0] == "user_id,item_id,timestamp,in_dataset,value,position,purchased,rating")
        let items = try String(contentsOf: urls[2], encoding: .utf8).split(separator: "\n")
        #expect(items.count == world.dataset.itemCount + 1)
        let shifts = try String(contentsOf: try world.writeShiftEvents(to: folder), encoding: .utf8).split(
            separator: "\n")
        #expect(shifts.count == world.shiftEvents.count + 1)
    }
}

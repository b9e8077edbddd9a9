import Foundation
import TestSupport
import Testing

@testable import Reporting

@Suite("per_user.jsonl lines")
struct PerUserLineTests {
    private func line(_ record: PerUserRecord) throws -> String {
        var bytes = [UInt8]()
        var writer = PerUserLineWriter(path: "per_user.jsonl")
        try writer.append(record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func record(
        model: String = "maml", segment: String = "all", shots: Int? = 5, window: Int? = nil, value: Double
    ) -> PerUserRecord {
        PerUserRecord(
            scenario: "toy", protocolName: "drift", model: model, seed: 7, segment: segment,
            shots: shots, window: window, metric: "ndcg@10", user: 42, value: value
        )
    }

    @Test("A line has sorted keys, leaves absent K and window out, and prints integral values without a fraction")
    func layout() throws {
        #expect(
            try line(record(shots: nil, window: 3, value: 0))
                == #"{"metric":"ndcg@10","model":"maml","protocol":"drift","scenario":"toy","seed":7,"segment":"all","user":42,"value":0,"window":3}"#
                + "\n")
        #expect(
            try line(record(value: -2))
                == #"{"metric":"ndcg@10","model":"maml","protocol":"drift","scenario":"toy","seed":7,"segment":"all","shots":5,"user":42,"value":-2}"#
                + "\n")
    }

    @Test(
        "Every line reads back as the record it was written from, whatever the strings and values hold",
        arguments: [0.1, 1.0 / 3, 1e-7, 6.02e23, -0.75, 0.9999999999999999, 5e-324])
    func roundTrip(value: Double) throws {
        let original = record(model: "quote\" back\\slash\ttab\u{1}ctl é", segment: "age=1/2\n", value: value)
        let decoded = try JSONDecoder().decode(PerUserRecord.self, from: Data(try line(original).dropLast().utf8))
        #expect(decoded == original)
    }

    @Test("Users and integral values print their decimal digits as String does, at the edges of their ranges")
    func integers() throws {
        for user in [0, 7, 10, 99, 100, 4_294_967_295] as [UInt32] {
            for value in [0, -0.0, 1, -1, 10, -100, 999_999_999_999_999, -999_999_999_999_999, 1e15, 123_456_789] {
                var original = record(value: value)
                original.user = user
                let printed = try line(original)
                #expect(printed.contains(#""user":\#(String(user)),"#))
                let expected = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
                #expect(printed.hasSuffix(#""value":\#(expected)}"# + "\n"), "\(printed)")
            }
        }
    }

    @Test("A non-finite value is refused with the file named, not written as invalid JSON")
    func nonFinite() {
        #expect(throws: ReportError.self) { try line(record(value: .nan)) }
        #expect(throws: ReportError.self) { try line(record(value: .infinity)) }
    }

    @Test("A run of records sharing coordinates and records changing them between runs all read back as written")
    func runs() throws {
        let records = [
            record(value: 0.5), record(value: 0.25), record(segment: "age=1", value: 1),
            record(shots: nil, window: 2, value: 3), record(value: 0.125),
        ]
        var bytes = [UInt8]()
        var writer = PerUserLineWriter(path: "per_user.jsonl")
        for record in records { try writer.append(record, to: &bytes) }
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        let decoded = try lines.map { try JSONDecoder().decode(PerUserRecord.self, from: Data($0)) }
        #expect(decoded == records)
    }

    @Test("A file larger than the writer's chunk holds every record once, in order")
    func chunkedFile() throws {
        let records = (0..<40_000).map { index in
            PerUserRecord(
                scenario: "toy", protocolName: "cold-start", model: index < 20_000 ? "maml" : "popularity", seed: 1,
                segment: "all", shots: index % 3, window: nil, metric: "ndcg@10", user: UInt32(index),
                value: Double(index) / 7
            )
        }
        let url = Scratch.file("per-user", suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        var writer = PerUserLineWriter(path: url.path)
        let digest = try writer.write(records, to: url)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0 > 4 << 20)
        #expect(try PerUserFile.read(url) == records)
        // The digest hashed chunk by chunk is the file's, whatever the chunk size.
        #expect(digest == (try ContentDigest.sha256(ofFile: url)))
        var small = PerUserLineWriter(path: url.path)
        #expect(
            try small.write(Array(records.prefix(500)), to: url, chunk: 1_000)
                == (try ContentDigest.sha256(ofFile: url)))
        #expect(try PerUserFile.read(url) == Array(records.prefix(500)))
    }
}

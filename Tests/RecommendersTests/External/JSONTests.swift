import Testing

@testable import Recommenders

@Suite("Protocol JSON")
struct JSONTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test("Values round-trip through the writer and parser")
    func roundTrip() throws {
        let value: JSONValue = .object([
            ("type", .string("x\"y\\z\n\u{1}é")), ("n", .int(-42)), ("f", .float(0.5)), ("d", .number(1e-5)),
            ("list", .array([.bool(true), .bool(false), .null, .array([])])), ("empty", .object([])),
        ])
        let text = String(decoding: JSONWriter.bytes(value), as: UTF8.self)
        #expect(
            text == #"{"type":"x\"y\\z\n\u0001é","n":-42,"f":0.5,"d":1e-05,"list":[true,false,null,[]],"empty":{}}"#)
        #expect(try parse(text) == value)
    }

    @Test("Numbers, escapes and whitespace parse as JSON says")
    func numbers() throws {
        #expect(try parse(" [0, -1.5e3, 2E-2, 7] ") == .array([.number(0), .number(-1500), .number(0.02), .number(7)]))
        #expect(try parse(#""\u00e9\ud83d\ude00\/""#) == .string("é😀/"))
    }

    @Test("NaN and infinities are read as non-finite numbers")
    func nonFinite() throws {
        guard case let .array(values) = try parse("[NaN, Infinity, -Infinity]") else {
            Issue.record("not an array")
            return
        }
        #expect(values[0].doubleValue?.isNaN == true)
        #expect(values[1].doubleValue == .infinity)
        #expect(values[2].doubleValue == -.infinity)
    }

    @Test(
        "Malformed lines are errors with a position",
        arguments: [
            "", "this is not json", "{\"a\" 1}", "[1,]", "[1 2]", "\"open", "01x", "{} {}", "-", "1.", "[1e]",
            String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
        ])
    func malformed(text: String) {
        #expect(throws: JSONSyntaxError.self) { try parse(text) }
    }
}

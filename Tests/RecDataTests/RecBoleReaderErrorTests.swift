import Foundation
import TestSupport
import Testing

@testable import RecData

@Suite("RecBole reader errors")
struct RecBoleReaderErrorTests {
    private func write(_ text: String, name: String = "bad.inter") -> URL {
        let folder = Scratch.directory("metarec-recbole")
        let url = folder.appendingPathComponent(name)
        try? Data(text.utf8).write(to: url)
        return url
    }

    private func failure(_ text: String) -> DataImportError? {
        let url = write(text)
        do {
            _ = try RecBoleReader.read(url)
            return nil
        } catch let error as DataImportError {
            #expect(error.file == url.path)
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("A header cell without a type names line 1")
    func untypedHeader() throws {
        let error = try #require(failure("user_id\titem_id:token\n1\t2\n"))
        #expect(error.line == 1)
        #expect(error.message.contains("'user_id' is not name:type"))
    }

    @Test("An unknown type is named with the known ones")
    func unknownType() throws {
        let error = try #require(failure("user_id:int\n1\n"))
        #expect(error.line == 1)
        #expect(error.field == "user_id")
        #expect(error.message.contains("unknown type 'int'"))
    }

    @Test("A row with the wrong number of cells names its line")
    func wrongCellCount() throws {
        let error = try #require(failure("a:token\tb:float\nx\t1\ny\n"))
        #expect(error.line == 3)
        #expect(error.message == "expected 2 tab-separated cells, found 1")
        #expect(error.description.hasSuffix("bad.inter:3: expected 2 tab-separated cells, found 1"))
    }

    @Test("A float that does not parse names its line and field")
    func badFloat() throws {
        let error = try #require(failure("a:token\tb:float_seq\nx\t1 2\ny\t3 four\n"))
        #expect(error.line == 3)
        #expect(error.field == "b")
        #expect(error.message == "expects numbers, found 'four'")
        #expect(error.description.hasSuffix("bad.inter:3: field 'b': expects numbers, found 'four'"))
    }

    @Test("Empty and missing files are errors; Windows line ends are accepted")
    func files() throws {
        #expect(failure("")?.message == "the file is empty")
        #expect(throws: DataImportError.self) { try RecBoleReader.read(URL(fileURLWithPath: "/nonexistent/x.inter")) }
        let table = try RecBoleReader.read(write("a:token\tb:float\r\nx\t1.5\r\ny\t\r\n"))
        #expect(table.column(named: "b") == .float([1.5, nil]))
        #expect(table.column(named: "a") == .token(["x", "y"]))
    }

    @Test("Interactions naming an unknown user name the interaction's line")
    func unknownUser() throws {
        let inter = write("user_id:token\titem_id:token\n0\t0\n7\t0\n", name: "d.inter")
        try Data("user_id:token\n0\n".utf8).write(
            to: inter.deletingLastPathComponent().appendingPathComponent("d.user"))
        do {
            _ = try RecBoleDataset.loadDataset(
                from: inter.deletingLastPathComponent(), name: "d", valueField: nil, timeField: nil)
            Issue.record("expected an error")
        } catch let error as DataImportError {
            #expect(error.file == inter.path && error.line == 3)
            #expect(error.field == "user_id")
            #expect(error.message.hasPrefix("user '7' is not in the user table"))
        }
    }

    @Test("The writer refuses tokens holding separators and values that are not finite")
    func writerValidation() {
        var table = RecBoleTable()
        table.append("tags", .tokenSequence([["a b"]]))
        #expect(throws: DataImportError.self) { try RecBoleWriter.write(table, to: write("", name: "w.item")) }
        var numbers = RecBoleTable()
        numbers.append("x", .float([.infinity]))
        #expect(throws: DataImportError.self) { try RecBoleWriter.write(numbers, to: write("", name: "n.item")) }
    }
}

import Foundation
import RecData

/// The whitespace-separated fields of the non-blank lines of a TREC file, with line numbers,
/// read a chunk at a time so that memory does not grow with the file.
///
/// Lines end at `\n` or `\r\n`. A path that is not a regular file (a device such as
/// `/dev/zero`, a FIFO, a directory) or is larger than ``maximumFileBytes`` is refused.
enum TRECLines {
    /// The largest file read: 64 GiB.
    static let maximumFileBytes: Int64 = 64 << 30

    /// Calls `body` with each non-blank line's one-based number and fields of the file at `path`.
    /// - Throws: ``DataImportError`` for a missing, unreadable, non-regular, oversize or empty
    ///   file, or the first line that is not UTF-8; and whatever `body` throws.
    static func forEachLine(inFile path: String, _ body: (_ line: Int, _ fields: [Substring]) throws -> Void) throws {
        let descriptor = try openChecked(path)
        defer { close(descriptor) }
        var pending = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var number = 0
        var sawField = false
        func handle(_ line: ArraySlice<UInt8>) throws {
            number += 1
            guard let text = String(validating: line, as: UTF8.self) else {
                throw DataImportError(
                    file: path, line: number, message: "the line is not UTF-8 text (is the file in another encoding?)")
            }
            let fields = Self.fields(of: Substring(text))
            if !fields.isEmpty {
                sawField = true
                try body(number, fields)
            }
        }
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DataImportError(file: path, message: "cannot read the file (\(String(cString: strerror(errno))))")
            }
            if count == 0 { break }
            pending += chunk[0..<count]
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try handle(pending[start..<newline])
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { try handle(pending[...]) }
        guard sawField else { throw DataImportError(file: path, line: 1, message: "the file is empty") }
    }

    /// Calls `body` with each non-blank line's one-based number and fields of `text`.
    static func forEachLine(inText text: String, _ body: (_ line: Int, _ fields: [Substring]) throws -> Void) rethrows {
        for (index, line) in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
        ).enumerated() {
            let fields = fields(of: line)
            if !fields.isEmpty { try body(index + 1, fields) }
        }
    }

    private static func fields(of line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
    }

    /// Opens `path` for reading after checking that it is a regular file of acceptable size.
    private static func openChecked(_ path: String) throws -> Int32 {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw DataImportError(
                file: path,
                message: errno == ENOENT ? "no such file" : "cannot read the file (\(String(cString: strerror(errno))))"
            )
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw DataImportError(
                file: path, message: "not a regular file (a device, pipe or directory cannot be read as TREC input)")
        }
        guard Int64(status.st_size) <= maximumFileBytes else {
            throw DataImportError(
                file: path,
                message:
                    "the file has \(status.st_size) bytes, more than the \(maximumFileBytes >> 30) GiB a TREC file may have"
            )
        }
        let descriptor = openForReading(path)
        guard descriptor >= 0 else {
            throw DataImportError(file: path, message: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        return descriptor
    }
}

/// The system's `open(2)` for reading, out of reach of the enum's names.
private func openForReading(_ path: String) -> Int32 { open(path, O_RDONLY) }

import Foundation

/// A data file's bytes, read whole, scanned line by line and cell by cell without making a
/// `String` of every line: importers of millions of rows stay fast and small.
///
/// Lines end at `\n`; a `\r` before it is dropped, and a final line break does not start
/// another line. Line numbers are one-based, as error messages give them.
public struct TextFile: Sendable {
    /// The file's path, as errors name it.
    public let path: String
    /// The file's bytes.
    public let bytes: [UInt8]

    /// A file's contents held in memory (for tests and callers that have the bytes).
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Reads the file at `path`.
    /// - Throws: ``DataImportError`` when it does not exist, cannot be read, or is empty.
    public static func read(_ path: String) throws -> TextFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataImportError(file: path, message: "no such file")
        }
        guard !isDirectory.boolValue, let bytes = readAll(path) else {
            throw DataImportError(file: path, message: "cannot read the file")
        }
        return try TextFile(path: path, bytes: bytes).checkedNotEmpty()
    }

    /// The file's bytes, read straight into one array (no intermediate `Data` copy).
    private static func readAll(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 1 << 16))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                readBytes(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    private func checkedNotEmpty() throws -> TextFile {
        guard bytes.contains(where: { !Self.isBlank($0) }) else {
            throw DataImportError(file: path, line: 1, message: "the file is empty")
        }
        return self
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: " ")
            || byte == UInt8(ascii: "\t")
    }

    /// An error at `line` (and `field`) of this file.
    public func error(line: Int?, field: String? = nil, _ message: String) -> DataImportError {
        DataImportError(file: path, line: line, field: field, message: message)
    }

    // MARK: - Encoding

    /// Checks that the file is UTF-8 text.
    /// - Throws: ``DataImportError`` naming the first line that is not.
    public func validateUTF8() throws {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return }
        try forEachLine { number, range in
            guard bytes[range].contains(where: { $0 >= 0x80 }) else { return }
            guard String(validating: bytes[range], as: UTF8.self) != nil else {
                throw error(line: number, "the line is not UTF-8 text (is the file in another encoding?)")
            }
        }
    }

    // MARK: - Lines and cells

    /// Calls `body` with each line's number and byte range (without the line break).
    public func forEachLine(_ body: (_ number: Int, _ range: Range<Int>) throws -> Void) rethrows {
        var start = 0
        var number = 0
        let newline = UInt8(ascii: "\n")
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
            number += 1
            let trimmedEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
            try body(number, start..<trimmedEnd)
            start = end + 1
        }
    }

    /// The number of lines.
    public var lineCount: Int {
        var count = 0
        forEachLine { _, _ in count += 1 }
        return count
    }

    /// Splits `line` at every occurrence of `separator` (one or more bytes) into `cells`
    /// (cleared first); an empty line gives one empty cell.
    public func split(_ line: Range<Int>, separator: [UInt8], into cells: inout [Range<Int>]) {
        cells.removeAll(keepingCapacity: true)
        guard let first = separator.first else { return cells.append(line) }
        var start = line.lowerBound
        var index = line.lowerBound
        let last = line.upperBound - separator.count
        while index <= last {
            if bytes[index] == first,
                separator.count == 1 || bytes[index..<(index + separator.count)].elementsEqual(separator)
            {
                cells.append(start..<index)
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        cells.append(start..<line.upperBound)
    }

    // MARK: - Values

    /// The bytes of `range` as UTF-8 text (the file was validated first).
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The decimal number in `range`, or `nil` when it is not one (or not finite).
    ///
    /// Plain decimals of up to 18 digits (`4`, `-0.25`, `881250949`) take a fast path that
    /// is exact: an integer significand divided by a power of ten at most 10²², both exact
    /// in a `Double`, is correctly rounded (Clinger 1990, the fast path of every correct
    /// decimal reader); anything else goes through `Double.init(_:)`.
    public func number(_ range: Range<Int>) -> Double? {
        if let value = fastDecimal(range) { return value }
        guard !range.isEmpty, let value = Double(text(range)), value.isFinite else { return nil }
        return value
    }

    /// The whole number in `range`, or `nil` when it is not one.
    public func integer(_ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        let negative = index < range.upperBound && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < range.upperBound, range.upperBound - index <= 18 else { return nil }
        var value = 0
        while index < range.upperBound {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }

    /// 10⁰ … 10²², each exact (products of exact powers of ten below 2⁵³ · 2^k are exact).
    private static let powersOfTen: [Double] = (1...22).reduce(into: [1.0]) { powers, _ in
        powers.append(powers[powers.count - 1] * 10)
    }

    private func fastDecimal(_ range: Range<Int>) -> Double? {
        var index = range.lowerBound
        let negative = index < range.upperBound && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var significand: UInt64 = 0
        var digits = 0
        var fraction = -1
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard fraction < 0 else { return nil }
                fraction = 0
            } else {
                let digit = UInt64(byte) &- 48
                guard digit <= 9, digits < 15 else { return nil }
                significand = significand * 10 + digit
                digits += 1
                if fraction >= 0 { fraction += 1 }
            }
            index += 1
        }
        guard digits > 0, fraction != 0 else { return nil }
        let value = Double(significand) / Self.powersOfTen[max(fraction, 0)]
        return negative ? -value : value
    }
}

/// The system's `read(2)`, out of reach of ``TextFile/read(_:)``'s name.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

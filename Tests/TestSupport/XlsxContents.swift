import Foundation

/// The cell values of an XLSX workbook, read back from its package's XML.
public struct XlsxContents {
    /// Sheet names in workbook order.
    public let sheetNames: [String]
    private let zip: ZipDirectory
    private let sharedStrings: [String]

    /// Reads the workbook in `data`; `nil` when it is not a readable XLSX package.
    public init?(_ data: Data) {
        guard let zip = ZipDirectory(data), let workbook = zip.text(of: "xl/workbook.xml") else { return nil }
        self.zip = zip
        self.sheetNames = Self.matches(of: #"<sheet name="([^"]*)""#, in: workbook).map { Self.unescape($0[0]) }
        let strings = zip.text(of: "xl/sharedStrings.xml") ?? ""
        self.sharedStrings = Self.matches(of: #"<si><t[^>]*>([^<]*)</t></si>"#, in: strings).map {
            Self.unescape($0[0])
        }
    }

    /// The cells of the sheet named `name`, by reference (`A1`): text cells give their
    /// text, numeric cells their number as written.
    public func cells(of name: String) -> [String: String] {
        guard let position = sheetNames.firstIndex(of: name),
            let sheet = zip.text(of: "xl/worksheets/sheet\(position + 1).xml")
        else { return [:] }
        var cells = [String: String]()
        for match in Self.matches(of: #"<c r="([A-Z]+[0-9]+)"([^>]*)><v>([^<]*)</v></c>"#, in: sheet) {
            let (reference, attributes, value) = (match[0], match[1], match[2])
            if attributes.contains(#"t="s""#), let index = Int(value), sharedStrings.indices.contains(index) {
                cells[reference] = sharedStrings[index]
            } else {
                cells[reference] = value
            }
        }
        return cells
    }

    /// The number format of cell `reference` of the sheet named `name`: its format code,
    /// with the built-in codes 0 and 1 read as `General` and `0`; `nil` when the cell or its
    /// style is missing.
    public func numberFormat(of name: String, cell reference: String) -> String? {
        guard let position = sheetNames.firstIndex(of: name),
            let sheet = zip.text(of: "xl/worksheets/sheet\(position + 1).xml"),
            let styles = zip.text(of: "xl/styles.xml"),
            let attributes = Self.matches(of: #"<c r="\#(reference)"([^>]*)>"#, in: sheet).first?[0]
        else { return nil }
        let style = Self.matches(of: #"s="([0-9]+)""#, in: attributes).first.flatMap { Int($0[0]) } ?? 0
        let cellFormats = Self.matches(of: #"<cellXfs[^>]*>([\s\S]*?)</cellXfs>"#, in: styles).first?[0] ?? ""
        let formatIDs = Self.matches(of: #"<xf numFmtId="([0-9]+)""#, in: cellFormats).map { $0[0] }
        guard formatIDs.indices.contains(style) else { return nil }
        switch formatIDs[style] {
        case "0": return "General"
        case "1": return "0"
        case let id:
            return Self.matches(of: #"<numFmt numFmtId="\#(id)" formatCode="([^"]*)""#, in: styles).first.map {
                Self.unescape($0[0])
            }
        }
    }

    /// The XML of the sheet named `name`, for what cells do not show (print setup).
    public func sheetXML(of name: String) -> String? {
        sheetNames.firstIndex(of: name).flatMap { zip.text(of: "xl/worksheets/sheet\($0 + 1).xml") }
    }

    /// The workbook's XML (`xl/workbook.xml`), which holds defined names such as print titles.
    public var workbookXML: String { zip.text(of: "xl/workbook.xml") ?? "" }

    /// The XML of any part of the package (`xl/drawings/drawing1.xml`).
    public func partXML(_ path: String) -> String? { zip.text(of: path) }

    /// The capture groups of every match of `pattern` in `text`.
    public static func matches(of pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { group in
                Range(match.range(at: group), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}

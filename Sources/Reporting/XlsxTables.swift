import CXlsxWriter
import Foundation

/// A plain table for a worksheet: a header row and rows of text and numbers.
public struct XlsxTable: Sendable {
    /// One cell.
    public enum Cell: Hashable, Sendable {
        /// Text.
        case text(String)
        /// A number; non-finite numbers are left blank.
        case number(Double)
    }

    /// The worksheet's name (at most 31 characters).
    public let sheet: String
    /// The column titles.
    public let header: [String]
    /// The rows, each as wide as the header at most.
    public let rows: [[Cell]]

    /// Creates a table.
    public init(sheet: String, header: [String], rows: [[Cell]]) {
        self.sheet = sheet
        self.header = header
        self.rows = rows
    }
}

/// Writes plain tables as the sheets of an XLSX workbook: a bold shaded header that
/// stays in view and repeats on every printed page, filter buttons, numbers with four
/// decimals, one page wide on paper with `footer` and the page number at the foot.
/// Reports that are tables and not result sets (the calibration report) use it.
public enum XlsxTables {
    /// Writes `tables`, one sheet each in order, to `url` atomically; every printed page's
    /// footer names `footer` (the report).
    public static func write(_ tables: [XlsxTable], footer: String, to url: URL) throws {
        try AtomicFile.write(to: url) { temporary in
            let workbook = try XlsxWorkbook(path: temporary.path)
            let header = workbook.addFormat {
                format_set_bold($0)
                format_set_bg_color($0, 0xDDE7F0)
                format_set_bottom($0, UInt8(LXW_BORDER_THIN.rawValue))
            }
            let number = workbook.addFormat { format_set_num_format($0, "0.0000") }
            for table in tables {
                let sheet = try workbook.addWorksheet(table.sheet)
                for (column, title) in table.header.enumerated() {
                    sheet.write(title, row: 0, column: column, format: header)
                }
                for (index, row) in table.rows.enumerated() {
                    for (column, cell) in row.enumerated() {
                        switch cell {
                        case let .text(text): sheet.write(text, row: index + 1, column: column)
                        case let .number(value): sheet.write(value, row: index + 1, column: column, format: number)
                        }
                    }
                }
                sheet.setColumnWidth(0, 0, width: 34)
                if table.header.count > 1 { sheet.setColumnWidth(1, table.header.count - 1, width: 18) }
                sheet.freezeRows(1)
                if !table.header.isEmpty {
                    sheet.autofilter(
                        firstRow: 0, firstColumn: 0, lastRow: max(table.rows.count, 1),
                        lastColumn: table.header.count - 1)
                }
                sheet.preparePrinting(footer: footer, headerRows: 0...0)
            }
            try workbook.close()
        }
    }
}

/// How a worksheet goes on paper: A4, portrait or landscape, one page wide, and where the
/// pages break, computed from how wide the sheet is and which rows must stay together.
///
/// Sheets of plain rows are fitted to one page wide by the spreadsheet (`fitToWidth`).
/// Sheets of charts cannot be: fitting to pages overrides manual page breaks, and the
/// spreadsheet's own breaks would cut charts in half. For them the layout picks the
/// print scale that makes the sheet one page wide and breaks pages before any block of
/// rows (a table and its chart) that would not fit on the current page.
struct XlsxPrintLayout: Hashable, Sendable {
    /// Paper size code of A4 (`worksheet_set_paper`).
    static let paperA4: UInt8 = 9
    /// A4 in inches, short side and long side.
    static let paper = (short: 8.27, long: 11.69)
    /// libxlsxwriter's default margins summed: 0.7 in left and right, 0.75 in top and bottom.
    static let margins = (horizontal: 1.4, vertical: 1.5)
    /// Screen pixels per inch, the unit of column widths and chart sizes.
    static let pixelsPerInch = 96.0
    /// Height of a default row (15 pt) in pixels.
    static let rowPixels = 20.0
    /// Width and height of a chart as inserted (libxlsxwriter's default), in pixels.
    static let chartPixels = (width: 480.0, height: 288.0)
    /// Width of a column of the default width (8.43 characters), in pixels.
    static let defaultColumnPixels = 64.0

    /// Whether the sheet prints landscape: when it is wider than a portrait page.
    let landscape: Bool
    /// The print scale in percent, for sheets with blocks; `nil`: fit to one page wide.
    let scale: Int?
    /// Zero-based rows before which a new page starts.
    let breaks: [Int]

    /// The layout of a sheet `widthPixels` wide whose `blocks` (row ranges) should each
    /// print on one page.
    init(widthPixels: Double, blocks: [Range<Int>]) {
        let portraitWidth = (Self.paper.short - Self.margins.horizontal) * Self.pixelsPerInch
        landscape = widthPixels > portraitWidth
        guard !blocks.isEmpty else {
            scale = nil
            breaks = []
            return
        }
        let (across, down) = landscape ? (Self.paper.long, Self.paper.short) : (Self.paper.short, Self.paper.long)
        let printableWidth = (across - Self.margins.horizontal) * Self.pixelsPerInch
        let printableHeight = (down - Self.margins.vertical) * Self.pixelsPerInch
        let percent = min(100, max(10, Int((100 * printableWidth / max(widthPixels, 1)).rounded(.down))))
        scale = percent
        let rowsPerPage = max(1, Int((printableHeight / (Self.rowPixels * Double(percent) / 100)).rounded(.down)))
        var pageStart = 0
        var breaks = [Int]()
        for block in blocks.sorted(by: { $0.lowerBound < $1.lowerBound })
        where block.upperBound - pageStart > rowsPerPage {
            guard block.lowerBound > pageStart else { continue }
            breaks.append(block.lowerBound)
            pageStart = block.lowerBound
        }
        self.breaks = breaks
    }

    /// The width in pixels of a column `characters` wide (Excel's rule for a 7-pixel digit:
    /// the characters' width plus 5 pixels of padding).
    static func columnPixels(characters: Double) -> Double {
        characters <= 0 ? 0 : (characters * 7).rounded() + 5
    }
}

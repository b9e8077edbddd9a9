import CXlsxWriter

/// An XLSX workbook being written through libxlsxwriter.
///
/// Owns the C workbook: ``close()`` writes the file and frees it. Worksheets, formats and
/// charts are owned by the workbook and live until it closes. The type is deliberately
/// not `Sendable`: libxlsxwriter is not thread-safe, so a workbook stays on the task that
/// created it.
final class XlsxWorkbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private let path: String

    /// The version of the libxlsxwriter library the process runs with.
    static var libraryVersion: String { String(cString: lxw_version()) }

    /// Starts a workbook that will be written to `path` on ``close()``.
    init(path: String) throws {
        guard let handle = workbook_new(path) else {
            throw ReportError.writeFailed(path: path, reason: "libxlsxwriter could not create the workbook")
        }
        self.handle = handle
        self.path = path
    }

    deinit {
        if handle != nil { _ = try? close() }
    }

    /// Adds a worksheet; `name` must be unique and at most 31 characters.
    func addWorksheet(_ name: String) throws -> XlsxWorksheet {
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw ReportError.writeFailed(path: path, reason: "could not add worksheet '\(name)'")
        }
        return XlsxWorksheet(handle: sheet, name: name)
    }

    /// Adds a cell format configured by `configure`.
    func addFormat(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format>? {
        guard let format = workbook_add_format(handle) else { return nil }
        configure(format)
        return format
    }

    /// Adds a line chart; insert it into a worksheet with ``XlsxWorksheet/insert(_:row:column:)``.
    func addLineChart() throws -> XlsxChart {
        try addChart(LXW_CHART_LINE)
    }

    /// Adds a scatter chart (markers at x–y pairs, no lines); insert it like a line chart.
    func addScatterChart() throws -> XlsxChart {
        try addChart(LXW_CHART_SCATTER)
    }

    private func addChart(_ type: lxw_chart_type) throws -> XlsxChart {
        guard let chart = workbook_add_chart(handle, UInt8(type.rawValue)) else {
            throw ReportError.writeFailed(path: path, reason: "could not add a chart")
        }
        return XlsxChart(handle: chart)
    }

    /// Writes the file and frees the workbook.
    func close() throws {
        guard let workbook = handle else { return }
        handle = nil
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw ReportError.writeFailed(path: path, reason: String(cString: lxw_strerror(status)))
        }
    }
}

/// A worksheet of an ``XlsxWorkbook``; valid until the workbook closes. It remembers how
/// far its cells and charts reach, which its print setup
/// (``preparePrinting(footer:headerRows:)``) needs.
final class XlsxWorksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name, as chart ranges refer to it.
    let name: String
    /// The last column written to, `-1` while the sheet is empty.
    private(set) var lastColumn = -1
    /// Column widths set, in characters, by column.
    private(set) var columnWidths: [Int: Double] = [:]
    /// The top-left cell of each chart inserted.
    private(set) var chartAnchors: [(row: Int, column: Int)] = []
    /// Row ranges that should print on one page (a table with its chart).
    private(set) var blocks: [Range<Int>] = []

    init(handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.handle = handle
        self.name = name
    }

    /// Writes text at zero-based `row`, `column`.
    func write(_ text: String, row: Int, column: Int, format: UnsafeMutablePointer<lxw_format>? = nil) {
        worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, format)
        lastColumn = max(lastColumn, column)
    }

    /// Writes a number at zero-based `row`, `column`; non-finite numbers are left blank.
    func write(_ number: Double, row: Int, column: Int, format: UnsafeMutablePointer<lxw_format>? = nil) {
        guard number.isFinite else { return }
        worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format)
        lastColumn = max(lastColumn, column)
    }

    /// Writes `text` at zero-based `row`, `column` as a link to cell A1 of the workbook's sheet `sheet`.
    func writeLink(
        _ text: String, toSheet sheet: String, row: Int, column: Int, format: UnsafeMutablePointer<lxw_format>? = nil
    ) {
        worksheet_write_url_opt(handle, lxw_row_t(row), lxw_col_t(column), "internal:'\(sheet)'!A1", format, text, nil)
        lastColumn = max(lastColumn, column)
    }

    /// Sets the width of columns `first...last`, in characters.
    func setColumnWidth(_ first: Int, _ last: Int, width: Double) {
        worksheet_set_column(handle, lxw_col_t(first), lxw_col_t(last), width, nil)
        for column in first...last { columnWidths[column] = width }
    }

    /// Keeps the first `rows` rows in view while scrolling.
    func freezeRows(_ rows: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), 0)
    }

    /// Adds filter buttons to the header row of the range `firstRow...lastRow`, `firstColumn...lastColumn`.
    func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        worksheet_autofilter(
            handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn))
    }

    /// Shades `firstRow...lastRow` of `column` on a red–yellow–green scale, green for the
    /// best values (the lowest when `lowerIsBetter`).
    func colorScale(column: Int, firstRow: Int, lastRow: Int, lowerIsBetter: Bool) {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        let (worst, best): (lxw_color_t, lxw_color_t) = (0xF8696B, 0x63BE7B)
        rule.min_color = lowerIsBetter ? best : worst
        rule.mid_color = 0xFFEB84
        rule.max_color = lowerIsBetter ? worst : best
        worksheet_conditional_format_range(
            handle, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(lastRow), lxw_col_t(column), &rule)
    }

    /// Places `chart` with its top-left corner at `row`, `column`.
    func insert(_ chart: XlsxChart, row: Int, column: Int) {
        chart.finishLegend()
        worksheet_insert_chart(handle, lxw_row_t(row), lxw_col_t(column), chart.handle)
        chartAnchors.append((row, column))
    }

    /// Asks the print setup to keep `rows` on one page (a page break goes before them
    /// rather than through them).
    func keepTogether(_ rows: Range<Int>) {
        blocks.append(rows)
    }
}

/// A native line chart of an ``XlsxWorkbook``; valid until the workbook closes.
final class XlsxChart {
    fileprivate let handle: UnsafeMutablePointer<lxw_chart>
    /// Series added so far.
    private var seriesCount = 0
    /// Indices of the series the legend leaves out (interval bounds).
    private var unlisted: [Int16] = []

    /// How a series is drawn.
    enum Style {
        /// A model's curve: a solid line with markers, in `colour` (`0xRRGGBB`).
        case curve(colour: UInt32)
        /// A bound of a curve's 95 % interval: a thin dashed line in the curve's colour,
        /// left out of the legend.
        case intervalBound(colour: UInt32)
        /// A reference line (the oracle's ceiling): grey and dashed, without markers.
        case reference
        /// Large diamonds without a connecting line (event markers).
        case markers
        /// One model's point of a scatter chart: a large circle in `colour`, no line.
        case point(colour: UInt32)
        /// libxlsxwriter's automatic line and markers.
        case automatic
    }

    fileprivate init(handle: UnsafeMutablePointer<lxw_chart>) {
        self.handle = handle
    }

    /// Sets the chart's title and axis titles and puts the legend at the bottom.
    func label(title: String, xAxis: String, yAxis: String) {
        chart_title_set_name(handle, title)
        chart_axis_set_name(handle.pointee.x_axis, xAxis)
        chart_axis_set_name(handle.pointee.y_axis, yAxis)
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    }

    /// Adds a series named `name` whose categories and values are column ranges of `sheet`,
    /// drawn in `style`.
    func addSeries(
        name: String, sheet: XlsxWorksheet, categoryColumn: Int, valueColumn: Int, firstRow: Int, lastRow: Int,
        style: Style = .automatic
    ) {
        guard let series = chart_add_series(handle, nil, nil) else { return }
        let index = seriesCount
        seriesCount += 1
        chart_series_set_categories(
            series, sheet.name, lxw_row_t(firstRow), lxw_col_t(categoryColumn), lxw_row_t(lastRow),
            lxw_col_t(categoryColumn))
        chart_series_set_values(
            series, sheet.name, lxw_row_t(firstRow), lxw_col_t(valueColumn), lxw_row_t(lastRow), lxw_col_t(valueColumn))
        chart_series_set_name(series, name)
        var line = lxw_chart_line()
        switch style {
        case let .curve(colour):
            line.color = colour
            line.width = 2.25
            chart_series_set_line(series, &line)
            Self.circles(series, colour: colour, size: 5)
            chart_series_set_marker_line(series, &line)
        case let .intervalBound(colour):
            line.color = colour
            line.width = 0.75
            line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
            chart_series_set_line(series, &line)
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_NONE.rawValue))
            unlisted.append(Int16(index))
        case .reference:
            line.color = 0x555555
            line.width = 1.5
            line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
            chart_series_set_line(series, &line)
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_NONE.rawValue))
        case .markers:
            line.none = 1
            chart_series_set_line(series, &line)
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_DIAMOND.rawValue))
            chart_series_set_marker_size(series, 10)
        case let .point(colour):
            line.none = 1
            chart_series_set_line(series, &line)
            Self.circles(series, colour: colour, size: 9)
        case .automatic:
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue))
        }
    }

    /// Marks a series' points with circles of `size` filled in `colour`.
    private static func circles(_ series: UnsafeMutablePointer<lxw_chart_series>, colour: UInt32, size: UInt8) {
        chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
        chart_series_set_marker_size(series, size)
        var fill = lxw_chart_fill()
        fill.color = colour
        chart_series_set_marker_fill(series, &fill)
    }

    /// Makes the x axis logarithmic, base 10 (for latencies, which span decades).
    func setLogarithmicXAxis() {
        chart_axis_set_log_base(handle.pointee.x_axis, 10)
    }

    /// Leaves the interval bounds out of the legend; called when the chart is inserted.
    fileprivate func finishLegend() {
        guard !unlisted.isEmpty else { return }
        var indices = unlisted + [-1]
        chart_legend_delete_series(handle, &indices)
    }
}

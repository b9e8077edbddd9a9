import CXlsxWriter

// MARK: - Print setup

extension XlsxWorksheet {
    /// Sets how the sheet prints (see ``XlsxPrintLayout``): A4, landscape when wider than
    /// a portrait page, one page wide, `headerRows` repeated at the top of every page, and
    /// a footer with `footer` (the suite or report), the sheet's name and the page number.
    /// Call it last, when every cell, width and chart is in place.
    func preparePrinting(footer: String, headerRows: ClosedRange<Int>? = nil) {
        let layout = printLayout
        worksheet_set_paper(handle, XlsxPrintLayout.paperA4)
        if layout.landscape { worksheet_set_landscape(handle) }
        if let headerRows {
            worksheet_repeat_rows(handle, lxw_row_t(headerRows.lowerBound), lxw_row_t(headerRows.upperBound))
        }
        if let scale = layout.scale {
            worksheet_set_print_scale(handle, UInt16(scale))
            if !layout.breaks.isEmpty {
                var breaks = layout.breaks.map { lxw_row_t($0) } + [0]
                worksheet_set_h_pagebreaks(handle, &breaks)
            }
        } else {
            worksheet_fit_to_pages(handle, 1, 0)
        }
        worksheet_set_footer(handle, Self.footerText(footer))
    }

    /// The layout the sheet's cells, column widths, charts and blocks call for.
    var printLayout: XlsxPrintLayout {
        XlsxPrintLayout(widthPixels: usedWidthPixels, blocks: blocks)
    }

    /// How far right cells and charts reach, in pixels.
    var usedWidthPixels: Double {
        let chartEdges = chartAnchors.map { left(of: $0.column) + XlsxPrintLayout.chartPixels.width }
        return max(left(of: lastColumn + 1), chartEdges.max() ?? 0)
    }

    /// `&L` name and sheet, `&R` page of pages; `&` in the name doubled, as the footer
    /// codes require, and the whole within Excel's 255 characters.
    static func footerText(_ name: String) -> String {
        let escaped = String(name.prefix(100)).replacingOccurrences(of: "&", with: "&&")
        return "&L\(escaped) — &A&RPage &P of &N"
    }

    private func left(of column: Int) -> Double {
        (0..<max(column, 0)).reduce(0) { total, index in
            total
                + (columnWidths[index].map { XlsxPrintLayout.columnPixels(characters: $0) }
                    ?? XlsxPrintLayout.defaultColumnPixels)
        }
    }
}

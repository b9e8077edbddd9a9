import CXlsxWriter

/// The curves of one native chart: each model's figure at each x (K, round or window) in
/// columns of a worksheet, each with its 95 % interval in two more columns, drawn as a
/// line between two thin dashed bounds of its colour. libxlsxwriter 1.1.4 has no custom
/// error bars (its `chart.h`: "Custom error bars are not currently supported"), so the
/// bounds are series of their own, left out of the legend. The ``ReportCharts/referenceModel``
/// is drawn as a grey dashed reference line without interval.
struct XlsxCurves {
    /// The models, in the order of their value columns.
    let models: [String]
    /// The x values, one row each.
    let xValues: [Int]
    /// A model's figure at an x value.
    let figure: (String, Int) -> SeedAggregate?

    /// The models that get intervals: all but the reference.
    private var competitors: [String] { models.filter { $0 != ReportCharts.referenceModel } }

    /// How many columns ``writeIntervals(on:headerRow:firstColumn:header:number:)`` fills.
    var intervalColumnCount: Int { 2 * competitors.count }

    /// Writes each competitor's interval bounds as `model 95% low` and `model 95% high`
    /// columns from `firstColumn`, under headers in `headerRow`, a row per x value below.
    func writeIntervals(
        on sheet: XlsxWorksheet, headerRow: Int, firstColumn: Int,
        header: UnsafeMutablePointer<lxw_format>?, number: UnsafeMutablePointer<lxw_format>?
    ) {
        for (index, model) in competitors.enumerated() {
            let column = firstColumn + 2 * index
            sheet.write("\(model) 95% low", row: headerRow, column: column, format: header)
            sheet.write("\(model) 95% high", row: headerRow, column: column + 1, format: header)
            for (offset, x) in xValues.enumerated() {
                guard let interval = figure(model, x)?.interval95 else { continue }
                sheet.write(interval.lowerBound, row: headerRow + 1 + offset, column: column, format: number)
                sheet.write(interval.upperBound, row: headerRow + 1 + offset, column: column + 1, format: number)
            }
        }
    }

    /// Adds the curves to `chart`: model `i`'s values in column `i + 1` of `sheet`, its
    /// bounds in the interval columns from `intervalColumn`, the x values in column 0, the
    /// rows below `headerRow`.
    func addSeries(to chart: XlsxChart, sheet: XlsxWorksheet, headerRow: Int, intervalColumn: Int) {
        let (first, last) = (headerRow + 1, headerRow + xValues.count)
        for (index, model) in competitors.enumerated() {
            let colour = Self.colour(index)
            let valueColumn = 1 + (models.firstIndex(of: model) ?? index)
            chart.addSeries(
                name: model, sheet: sheet, categoryColumn: 0, valueColumn: valueColumn, firstRow: first, lastRow: last,
                style: .curve(colour: colour))
            for bound in 0..<2 {
                chart.addSeries(
                    name: "\(model) 95% \(bound == 0 ? "low" : "high")", sheet: sheet, categoryColumn: 0,
                    valueColumn: intervalColumn + 2 * index + bound, firstRow: first, lastRow: last,
                    style: .intervalBound(colour: colour)
                )
            }
        }
        if let reference = models.firstIndex(of: ReportCharts.referenceModel) {
            chart.addSeries(
                name: "\(ReportCharts.referenceModel) (ceiling)", sheet: sheet, categoryColumn: 0,
                valueColumn: 1 + reference,
                firstRow: first, lastRow: last, style: .reference
            )
        }
    }

    /// The `index`-th colour of the charts' palette (the SVG charts' Okabe–Ito colours).
    static func colour(_ index: Int) -> UInt32 {
        let palette = SVGLineChart.palette
        return UInt32(palette[index % palette.count].dropFirst(), radix: 16) ?? 0
    }
}

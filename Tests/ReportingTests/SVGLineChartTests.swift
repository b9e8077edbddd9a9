import Testing

@testable import Reporting

@Suite("SVG charts")
struct SVGLineChartTests {
    @Test("Axis ticks are round numbers covering the data")
    func axis() {
        let scale = AxisScale(minimum: 0.047, maximum: 0.34)
        #expect(scale.ticks == [0, 0.1, 0.2, 0.30000000000000004, 0.4])
        #expect(scale.label(0.2) == "0.2")
        #expect(scale.position(0.2) == 0.5)
        let flat = AxisScale(minimum: 2, maximum: 2)
        #expect(flat.lower < 2 && flat.upper > 2)
    }

    @Test("A chart draws one polyline per series, splits at gaps, and marks events")
    func render() {
        let chart = SVGLineChart(
            title: "t & <u>", xTitle: "K", yTitle: "ndcg@10", xValues: [0, 1, 2, 3],
            series: [.init(name: "a", values: [0.1, 0.2, nil, 0.4]), .init(name: "b", values: [0.3, 0.3, 0.3, 0.3])],
            markers: [.init(x: 2, label: "shift")]
        )
        let svg = chart.render()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 7)
        #expect(svg.contains("t &amp; &lt;u&gt;"))
        #expect(svg.contains("stroke-dasharray") && svg.contains(">shift</text>"))
        #expect(svg.contains(SVGLineChart.palette[0]) && svg.contains(SVGLineChart.palette[1]))
    }

    @Test("Each point's 95 % interval is an error bar and a band the axis covers; a reference line is dashed grey")
    func intervalsAndReference() {
        let chart = SVGLineChart(
            title: "t", xTitle: "K", yTitle: "m", xValues: [0, 1, 2],
            series: [
                .init(name: "a", values: [0.2, 0.3, 0.4], intervals: [0.1...0.3, 0.2...0.4, 0.3...0.5]),
                .init(name: "b", values: [0.4, 0.3, 0.2], intervals: [0.35...0.45, nil, 0.1...0.3]),
                .init(name: "oracle (ceiling)", values: [0.9, 0.9, 0.9], isReference: true),
            ]
        )
        let svg = chart.render()
        // a: one band over its three points; b: no band through its point without an interval.
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 1 + 2)
        // Error bars: a stem and two caps per point with an interval (3 + 2 points).
        let bars = svg.components(separatedBy: "\n").filter {
            $0.hasPrefix("<line") && $0.contains(#"stroke-width="1""#)
        }
        #expect(bars.count == 3 * 5)
        #expect(svg.contains(##"stroke="#555555" stroke-width="1.5" stroke-dasharray="6 4""##))
        #expect(!svg.components(separatedBy: "\n").contains { $0.hasPrefix("<circle") && $0.contains("#555555") })
        // The y axis reaches the lowest bound (0.1) and the reference (0.9).
        #expect(svg.contains(">0.1</text>") || svg.contains(">0</text>"))
        #expect(svg.contains(">0.9</text>") || svg.contains(">1</text>"))
        #expect(chart.colours == [SVGLineChart.palette[0], SVGLineChart.palette[1], SVGLineChart.referenceColour])
    }

    @Test("Report charts draw the oracle last as the reference, every other model with its intervals")
    func oracleReference() {
        var results = ReportFixtures.results
        for shots in [0, 5] {
            results.rows.append(ReportFixtures.row("oracle", shots: shots, metric: "ndcg@10", value: 0.9))
        }
        results.header.scenarios[0].models.insert("oracle", at: 0)
        let series = ReportCharts(results).entries[0].chart.series
        #expect(series.map(\.name) == ["random", "popularity", "oracle (ceiling)"])
        #expect(series.map(\.isReference) == [false, false, true])
        #expect(series[1].intervals == [(0.30 - 0.01)...(0.30 + 0.01), (0.25 - 0.01)...(0.25 + 0.01)])
        #expect(series[2].intervals.isEmpty)
    }

    @Test("The 95 % interval of a figure over seeds is the t-interval of their mean")
    func seedInterval() throws {
        let rows = [1.0, 2.0, 3.0].enumerated().map {
            ReportFixtures.row("a", shots: 0, metric: "m", value: $0.element, seed: UInt64($0.offset + 1))
        }
        let interval = try #require(SeedAggregate(rows).interval95)
        // t(0.975, 2) = 4.302653, sd = 1, n = 3.
        #expect(abs(interval.upperBound - (2 + 4.302653 / 3.0.squareRoot())) < 1e-5)
        #expect(abs(interval.lowerBound - (2 - 4.302653 / 3.0.squareRoot())) < 1e-5)
        #expect(SeedAggregate([ReportFixtures.row("a", shots: 0, metric: "m", value: 0.5)]).interval95 == 0.49...0.51)
    }

    @Test("Report charts follow the pivot and are linked from the Markdown")
    func reportCharts() {
        let charts = ReportCharts(ReportFixtures.results)
        #expect(charts.entries.map(\.path) == ["charts/toy-ndcg-at-10.svg", "charts/toy-mae.svg"])
        #expect(charts.entries[0].chart.series.map(\.name) == ["random", "popularity"])
        #expect(charts.entries[0].chart.series[1].values == [0.30, 0.25])
        #expect(
            MarkdownReport(ReportFixtures.results).render().contains(
                "![toy: ndcg@10 against K](charts/toy-ndcg-at-10.svg)"))
    }
}

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

    @Test("Report charts follow the pivot and are linked from the Markdown")
    func reportCharts() {
        let charts = ReportCharts(ReportFixtures.results)
        #expect(charts.entries.map(\.path) == ["charts/toy-ndcg-at-10.svg", "charts/toy-mae.svg"])
        #expect(charts.entries[0].chart.series.map(\.name) == ["random", "popularity"])
        #expect(charts.entries[0].chart.series[1].values == [0.30, 0.25])
        #expect(MarkdownReport(ReportFixtures.results).render().contains("![toy: ndcg@10 against K](charts/toy-ndcg-at-10.svg)"))
    }
}

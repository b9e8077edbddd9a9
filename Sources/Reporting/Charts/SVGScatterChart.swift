import Foundation

/// A scatter chart rendered as a standalone SVG document: one labelled point per model
/// (its accuracy against its latency), with the y value's 95 % interval as an error bar
/// when known, on a logarithmic x axis when asked (latencies span decades).
public struct SVGScatterChart: Hashable, Sendable {
    /// One point of the chart.
    public struct Point: Hashable, Sendable {
        /// The legend entry and the point's label.
        public let name: String
        /// The x value (positive on a logarithmic axis).
        public let x: Double
        /// The y value.
        public let y: Double
        /// The y value's 95 % interval, if any.
        public let interval: ClosedRange<Double>?

        /// Creates a point.
        public init(name: String, x: Double, y: Double, interval: ClosedRange<Double>? = nil) {
            self.name = name
            self.x = x
            self.y = y
            self.interval = interval
        }
    }

    /// The chart's title.
    public let title: String
    /// The x axis's title.
    public let xTitle: String
    /// The y axis's title.
    public let yTitle: String
    /// The points, one per model.
    public let points: [Point]
    /// Whether the x axis is logarithmic (base 10).
    public let logarithmicX: Bool

    /// Creates a chart.
    public init(title: String, xTitle: String, yTitle: String, points: [Point], logarithmicX: Bool = true) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.points = points
        self.logarithmicX = logarithmicX
    }

    /// The smallest x a logarithmic axis shows; smaller values are drawn at it.
    static let logarithmicFloor = 1e-4

    /// The SVG document.
    public func render() -> String {
        let ys = points.flatMap { [$0.y] + ($0.interval.map { [$0.lowerBound, $0.upperBound] } ?? []) }
        let xs = points.map { plotted($0.x) }
        let frame = SVGFrame(
            xScale: logarithmicX
                ? AxisScale(decadesFrom: xs.min() ?? 0, to: xs.max() ?? 1)
                : AxisScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1),
            yScale: AxisScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1)
        )
        let axisTitle = xTitle + (logarithmicX ? " (log scale)" : "")
        var parts = frame.opening(title: title, xTitle: axisTitle, yTitle: yTitle) { xLabel($0, scale: frame.xScale) }
        for (index, point) in points.enumerated() {
            let colour = SVGLineChart.palette[index % SVGLineChart.palette.count]
            let (cx, cy) = (frame.px(plotted(point.x)), frame.py(point.y))
            if let interval = point.interval {
                parts += SVGFrame.errorBar(
                    x: cx, low: frame.py(interval.lowerBound), high: frame.py(interval.upperBound), colour: colour)
            }
            parts.append(##"<circle cx="\##(SVGFrame.f(cx))" cy="\##(SVGFrame.f(cy))" r="5" fill="\##(colour)"/>"##)
            parts.append(
                ##"<text x="\##(SVGFrame.f(cx + 7))" y="\##(SVGFrame.f(cy - 7))" font-size="10" fill="#333">\##(SVGFrame.escape(point.name))</text>"##
            )
            let (legendX, legendY) = SVGFrame.legendPosition(index)
            parts.append(
                ##"<circle cx="\##(SVGFrame.f(legendX + 6))" cy="\##(SVGFrame.f(legendY - 3))" r="5" fill="\##(colour)"/>"##
            )
            parts.append(
                ##"<text x="\##(SVGFrame.f(legendX + 18))" y="\##(SVGFrame.f(legendY + 1))">\##(SVGFrame.escape(point.name))</text>"##
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// Where `x` lies on the axis: its base-10 logarithm on a logarithmic axis.
    private func plotted(_ x: Double) -> Double {
        logarithmicX ? log10(max(x, Self.logarithmicFloor)) : x
    }

    /// A tick's label: the power of ten itself on a logarithmic axis.
    private func xLabel(_ tick: Double, scale: AxisScale) -> String {
        guard logarithmicX else { return scale.label(tick) }
        let power = Int(tick.rounded())
        return String(format: "%.\(max(0, -power))f", pow(10, Double(power)))
    }
}

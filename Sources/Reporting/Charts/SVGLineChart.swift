import Foundation

/// A line chart rendered as a standalone SVG document: one line per series over shared x
/// values, each point with its 95 % interval (an error bar, and a shaded band along the
/// line) when known, reference lines dashed, with axes, ticks, a legend and optional
/// vertical event markers.
public struct SVGLineChart: Hashable, Sendable {
    /// One line of the chart.
    public struct Series: Hashable, Sendable {
        /// The legend entry.
        public let name: String
        /// One value per x value; `nil` leaves a gap.
        public let values: [Double?]
        /// Each value's 95 % interval, aligned with ``values``; empty or `nil`: none drawn.
        public let intervals: [ClosedRange<Double>?]
        /// A reference line (the oracle's ceiling): grey, dashed, without points or intervals.
        public let isReference: Bool

        /// Creates a series.
        public init(name: String, values: [Double?], intervals: [ClosedRange<Double>?] = [], isReference: Bool = false)
        {
            self.name = name
            self.values = values
            self.intervals = intervals
            self.isReference = isReference
        }

        /// The interval of point `index`, if any.
        func interval(_ index: Int) -> ClosedRange<Double>? {
            intervals.indices.contains(index) ? intervals[index] : nil
        }
    }

    /// A vertical marker at an x value (a shift event).
    public struct Marker: Hashable, Sendable {
        /// Where it stands on the x axis.
        public let x: Double
        /// Its label.
        public let label: String

        /// Creates a marker.
        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    /// The chart's title.
    public let title: String
    /// The x axis's title.
    public let xTitle: String
    /// The y axis's title.
    public let yTitle: String
    /// The x values, ascending.
    public let xValues: [Double]
    /// The lines.
    public let series: [Series]
    /// Vertical markers.
    public let markers: [Marker]

    /// Creates a chart.
    public init(
        title: String, xTitle: String, yTitle: String, xValues: [Double], series: [Series], markers: [Marker] = []
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xValues = xValues
        self.series = series
        self.markers = markers
    }

    /// The Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    /// The colour of reference lines.
    static let referenceColour = "#555555"

    /// The SVG document.
    public func render() -> String {
        let values = series.flatMap { line in
            line.values.compactMap { $0 } + line.intervals.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] }
        }
        let frame = SVGFrame(
            xScale: AxisScale(
                minimum: xValues.first ?? 0, maximum: xValues.last ?? 1, count: min(max(xValues.count, 2), 8)),
            yScale: AxisScale(minimum: values.min() ?? 0, maximum: values.max() ?? 1)
        )
        let (px, py) = (frame.px, frame.py)
        var parts = frame.opening(title: title, xTitle: xTitle, yTitle: yTitle, xLabel: frame.xScale.label)
        for marker in markers {
            let x = SVGFrame.f(px(marker.x))
            parts.append(
                ##"<line x1="\##(x)" y1="\##(SVGFrame.f(SVGFrame.top))" x2="\##(x)" y2="\##(SVGFrame.f(SVGFrame.top + frame.plotHeight))" stroke="#888" stroke-dasharray="4 3"/>"##
            )
            parts.append(
                ##"<text x="\##(x)" y="\##(SVGFrame.f(SVGFrame.top - 4))" text-anchor="middle" font-size="10" fill="#555">\##(SVGFrame.escape(marker.label))</text>"##
            )
        }
        let colours = self.colours
        for (line, colour) in zip(series, colours) where !line.isReference {
            for band in Self.bands(xValues: xValues, line: line) {
                let upper = band.map { "\(SVGFrame.f(px($0.x))),\(SVGFrame.f(py($0.interval.upperBound)))" }
                let lower = band.reversed().map { "\(SVGFrame.f(px($0.x))),\(SVGFrame.f(py($0.interval.lowerBound)))" }
                parts.append(
                    ##"<polygon points="\##((upper + lower).joined(separator: " "))" fill="\##(colour)" fill-opacity="0.12" stroke="none"/>"##
                )
            }
        }
        for (index, (line, colour)) in zip(series, colours).enumerated() {
            let stroke = line.isReference ? ##"stroke-width="1.5" stroke-dasharray="6 4""## : ##"stroke-width="2""##
            for segment in Self.segments(xValues: xValues, values: line.values) {
                let points = segment.map { "\(SVGFrame.f(px($0.0))),\(SVGFrame.f(py($0.1)))" }.joined(separator: " ")
                parts.append(##"<polyline points="\##(points)" fill="none" stroke="\##(colour)" \##(stroke)/>"##)
            }
            if !line.isReference {
                for (position, (x, y)) in zip(xValues, line.values).enumerated() {
                    guard let y else { continue }
                    if let interval = line.interval(position) {
                        parts += SVGFrame.errorBar(
                            x: px(x), low: py(interval.lowerBound), high: py(interval.upperBound), colour: colour)
                    }
                    parts.append(
                        ##"<circle cx="\##(SVGFrame.f(px(x)))" cy="\##(SVGFrame.f(py(y)))" r="3" fill="\##(colour)"/>"##
                    )
                }
            }
            let (legendX, legendY) = SVGFrame.legendPosition(index)
            if line.isReference {
                parts.append(
                    ##"<line x1="\##(SVGFrame.f(legendX))" y1="\##(SVGFrame.f(legendY - 3))" x2="\##(SVGFrame.f(legendX + 12))" y2="\##(SVGFrame.f(legendY - 3))" stroke="\##(colour)" stroke-width="1.5" stroke-dasharray="3 2"/>"##
                )
            } else {
                parts.append(
                    ##"<rect x="\##(SVGFrame.f(legendX))" y="\##(SVGFrame.f(legendY - 9))" width="12" height="12" fill="\##(colour)"/>"##
                )
            }
            parts.append(
                ##"<text x="\##(SVGFrame.f(legendX + 18))" y="\##(SVGFrame.f(legendY + 1))">\##(SVGFrame.escape(line.name))</text>"##
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// Each series' colour: the palette in order for models, grey for reference lines.
    var colours: [String] {
        var next = 0
        return series.map { line in
            guard !line.isReference else { return Self.referenceColour }
            defer { next += 1 }
            return Self.palette[next % Self.palette.count]
        }
    }

    /// Runs of consecutive points that have a value and an interval: the shaded bands.
    private static func bands(xValues: [Double], line: Series) -> [[(x: Double, interval: ClosedRange<Double>)]] {
        runs(
            xValues.enumerated().map { position, x in
                guard line.values.indices.contains(position), line.values[position] != nil,
                    let interval = line.interval(position)
                else { return nil }
                return (x, interval)
            })
    }

    /// Runs of consecutive present values, so that a missing value breaks the line.
    private static func segments(xValues: [Double], values: [Double?]) -> [[(Double, Double)]] {
        runs(zip(xValues, values).map { x, value in value.map { (x, $0) } })
    }

    /// The runs of consecutive non-`nil` elements.
    private static func runs<Point>(_ points: [Point?]) -> [[Point]] {
        var result = [[Point]]()
        var current = [Point]()
        for point in points {
            if let point {
                current.append(point)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

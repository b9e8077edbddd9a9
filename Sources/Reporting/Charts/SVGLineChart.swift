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
        public init(name: String, values: [Double?], intervals: [ClosedRange<Double>?] = [], isReference: Bool = false) {
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
    public init(title: String, xTitle: String, yTitle: String, xValues: [Double], series: [Series], markers: [Marker] = []) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xValues = xValues
        self.series = series
        self.markers = markers
    }

    /// The Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    private static let width = 640.0
    private static let height = 400.0
    private static let left = 70.0
    private static let right = 20.0
    private static let top = 40.0
    private static let bottom = 90.0

    /// The colour of reference lines.
    static let referenceColour = "#555555"

    /// The SVG document.
    public func render() -> String {
        let values = series.flatMap { line in
            line.values.compactMap { $0 } + line.intervals.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] }
        }
        let yScale = AxisScale(minimum: values.min() ?? 0, maximum: values.max() ?? 1)
        let xScale = AxisScale(minimum: xValues.first ?? 0, maximum: xValues.last ?? 1, count: min(max(xValues.count, 2), 8))
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let px = { (x: Double) in Self.left + xScale.position(x) * plotWidth }
        let py = { (y: Double) in Self.top + (1 - yScale.position(y)) * plotHeight }
        var parts = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(Self.width))" height="\##(Int(Self.height))" viewBox="0 0 \##(Int(Self.width)) \##(Int(Self.height))" font-family="sans-serif" font-size="12">"##,
            ##"<rect width="100%" height="100%" fill="white"/>"##,
            ##"<text x="\##(Self.f(Self.width / 2))" y="22" text-anchor="middle" font-size="15" font-weight="bold">\##(Self.escape(title))</text>"##,
        ]
        for tick in yScale.ticks {
            let y = Self.f(py(tick))
            parts.append(##"<line x1="\##(Self.f(Self.left))" y1="\##(y)" x2="\##(Self.f(Self.width - Self.right))" y2="\##(y)" stroke="#e0e0e0"/>"##)
            parts.append(##"<text x="\##(Self.f(Self.left - 6))" y="\##(y)" text-anchor="end" dominant-baseline="middle">\##(yScale.label(tick))</text>"##)
        }
        for tick in xScale.ticks {
            let x = Self.f(px(tick))
            parts.append(##"<line x1="\##(x)" y1="\##(Self.f(Self.top + plotHeight))" x2="\##(x)" y2="\##(Self.f(Self.top + plotHeight + 5))" stroke="#333"/>"##)
            parts.append(##"<text x="\##(x)" y="\##(Self.f(Self.top + plotHeight + 18))" text-anchor="middle">\##(xScale.label(tick))</text>"##)
        }
        parts.append(##"<rect x="\##(Self.f(Self.left))" y="\##(Self.f(Self.top))" width="\##(Self.f(plotWidth))" height="\##(Self.f(plotHeight))" fill="none" stroke="#333"/>"##)
        parts.append(##"<text x="\##(Self.f(Self.left + plotWidth / 2))" y="\##(Self.f(Self.top + plotHeight + 38))" text-anchor="middle">\##(Self.escape(xTitle))</text>"##)
        parts.append(##"<text transform="translate(18 \##(Self.f(Self.top + plotHeight / 2))) rotate(-90)" text-anchor="middle">\##(Self.escape(yTitle))</text>"##)
        for marker in markers {
            let x = Self.f(px(marker.x))
            parts.append(##"<line x1="\##(x)" y1="\##(Self.f(Self.top))" x2="\##(x)" y2="\##(Self.f(Self.top + plotHeight))" stroke="#888" stroke-dasharray="4 3"/>"##)
            parts.append(##"<text x="\##(x)" y="\##(Self.f(Self.top - 4))" text-anchor="middle" font-size="10" fill="#555">\##(Self.escape(marker.label))</text>"##)
        }
        let colours = self.colours
        for (line, colour) in zip(series, colours) where !line.isReference {
            for band in Self.bands(xValues: xValues, line: line) {
                let upper = band.map { "\(Self.f(px($0.x))),\(Self.f(py($0.interval.upperBound)))" }
                let lower = band.reversed().map { "\(Self.f(px($0.x))),\(Self.f(py($0.interval.lowerBound)))" }
                parts.append(##"<polygon points="\##((upper + lower).joined(separator: " "))" fill="\##(colour)" fill-opacity="0.12" stroke="none"/>"##)
            }
        }
        for (index, (line, colour)) in zip(series, colours).enumerated() {
            let stroke = line.isReference ? ##"stroke-width="1.5" stroke-dasharray="6 4""## : ##"stroke-width="2""##
            for segment in Self.segments(xValues: xValues, values: line.values) {
                let points = segment.map { "\(Self.f(px($0.0))),\(Self.f(py($0.1)))" }.joined(separator: " ")
                parts.append(##"<polyline points="\##(points)" fill="none" stroke="\##(colour)" \##(stroke)/>"##)
            }
            if !line.isReference {
                for (position, (x, y)) in zip(xValues, line.values).enumerated() {
                    guard let y else { continue }
                    if let interval = line.interval(position) {
                        let (cx, low, high) = (px(x), Self.f(py(interval.lowerBound)), Self.f(py(interval.upperBound)))
                        parts.append(##"<line x1="\##(Self.f(cx))" y1="\##(low)" x2="\##(Self.f(cx))" y2="\##(high)" stroke="\##(colour)" stroke-width="1"/>"##)
                        for end in [low, high] {
                            parts.append(##"<line x1="\##(Self.f(cx - 3))" y1="\##(end)" x2="\##(Self.f(cx + 3))" y2="\##(end)" stroke="\##(colour)" stroke-width="1"/>"##)
                        }
                    }
                    parts.append(##"<circle cx="\##(Self.f(px(x)))" cy="\##(Self.f(py(y)))" r="3" fill="\##(colour)"/>"##)
                }
            }
            let legendX = Self.left + Double(index % 4) * 140
            let legendY = Self.height - 28 + Double(index / 4) * 16
            if line.isReference {
                parts.append(##"<line x1="\##(Self.f(legendX))" y1="\##(Self.f(legendY - 3))" x2="\##(Self.f(legendX + 12))" y2="\##(Self.f(legendY - 3))" stroke="\##(colour)" stroke-width="1.5" stroke-dasharray="3 2"/>"##)
            } else {
                parts.append(##"<rect x="\##(Self.f(legendX))" y="\##(Self.f(legendY - 9))" width="12" height="12" fill="\##(colour)"/>"##)
            }
            parts.append(##"<text x="\##(Self.f(legendX + 18))" y="\##(Self.f(legendY + 1))">\##(Self.escape(line.name))</text>"##)
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
        runs(xValues.enumerated().map { position, x in
            guard line.values.indices.contains(position), line.values[position] != nil, let interval = line.interval(position) else { return nil }
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

    private static func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

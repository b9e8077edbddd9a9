import Foundation

/// What every SVG chart of the reports shares: the canvas, the title, the axes with their
/// ticks, grid and titles, the plot's border, and the mapping from data to canvas.
struct SVGFrame {
    static let width = 640.0
    static let height = 400.0
    static let left = 70.0
    static let right = 20.0
    static let top = 40.0
    static let bottom = 90.0

    /// The x axis.
    let xScale: AxisScale
    /// The y axis.
    let yScale: AxisScale

    var plotWidth: Double { Self.width - Self.left - Self.right }
    var plotHeight: Double { Self.height - Self.top - Self.bottom }

    /// The canvas x of data value `x`.
    func px(_ x: Double) -> Double { Self.left + xScale.position(x) * plotWidth }
    /// The canvas y of data value `y`.
    func py(_ y: Double) -> Double { Self.top + (1 - yScale.position(y)) * plotHeight }

    /// The document's opening elements: the canvas, the title, horizontal grid lines with
    /// the y labels, x ticks labelled by `xLabel`, the plot's border and the axis titles.
    func opening(title: String, xTitle: String, yTitle: String, xLabel: (Double) -> String) -> [String] {
        var parts = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(Self.width))" height="\##(Int(Self.height))" viewBox="0 0 \##(Int(Self.width)) \##(Int(Self.height))" font-family="sans-serif" font-size="12">"##,
            ##"<rect width="100%" height="100%" fill="white"/>"##,
            ##"<text x="\##(Self.f(Self.width / 2))" y="22" text-anchor="middle" font-size="15" font-weight="bold">\##(Self.escape(title))</text>"##,
        ]
        for tick in yScale.ticks {
            let y = Self.f(py(tick))
            parts.append(
                ##"<line x1="\##(Self.f(Self.left))" y1="\##(y)" x2="\##(Self.f(Self.width - Self.right))" y2="\##(y)" stroke="#e0e0e0"/>"##
            )
            parts.append(
                ##"<text x="\##(Self.f(Self.left - 6))" y="\##(y)" text-anchor="end" dominant-baseline="middle">\##(yScale.label(tick))</text>"##
            )
        }
        for tick in xScale.ticks {
            let x = Self.f(px(tick))
            parts.append(
                ##"<line x1="\##(x)" y1="\##(Self.f(Self.top + plotHeight))" x2="\##(x)" y2="\##(Self.f(Self.top + plotHeight + 5))" stroke="#333"/>"##
            )
            parts.append(
                ##"<text x="\##(x)" y="\##(Self.f(Self.top + plotHeight + 18))" text-anchor="middle">\##(xLabel(tick))</text>"##
            )
        }
        parts.append(
            ##"<rect x="\##(Self.f(Self.left))" y="\##(Self.f(Self.top))" width="\##(Self.f(plotWidth))" height="\##(Self.f(plotHeight))" fill="none" stroke="#333"/>"##
        )
        parts.append(
            ##"<text x="\##(Self.f(Self.left + plotWidth / 2))" y="\##(Self.f(Self.top + plotHeight + 38))" text-anchor="middle">\##(Self.escape(xTitle))</text>"##
        )
        parts.append(
            ##"<text transform="translate(18 \##(Self.f(Self.top + plotHeight / 2))) rotate(-90)" text-anchor="middle">\##(Self.escape(yTitle))</text>"##
        )
        return parts
    }

    /// A vertical error bar with caps at canvas x `x` from canvas y `low` to `high`.
    static func errorBar(x: Double, low: Double, high: Double, colour: String) -> [String] {
        let (top, bottom) = (f(low), f(high))
        return [
            ##"<line x1="\##(f(x))" y1="\##(top)" x2="\##(f(x))" y2="\##(bottom)" stroke="\##(colour)" stroke-width="1"/>"##
        ]
            + [top, bottom].map { end in
                ##"<line x1="\##(f(x - 3))" y1="\##(end)" x2="\##(f(x + 3))" y2="\##(end)" stroke="\##(colour)" stroke-width="1"/>"##
            }
    }

    /// Where legend entry `index` goes: four to a row below the plot.
    static func legendPosition(_ index: Int) -> (x: Double, y: Double) {
        (left + Double(index % 4) * 140, height - 28 + Double(index / 4) * 16)
    }

    /// A coordinate with one decimal.
    static func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// `text` safe inside SVG elements.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

import Foundation

/// A linear axis from data bounds to "nice" round tick values (Heckbert's
/// "Nice numbers for graph labels", Graphics Gems 1990).
struct AxisScale: Hashable, Sendable {
    /// The axis's lower end (the first tick).
    let lower: Double
    /// The axis's upper end (the last tick).
    let upper: Double
    /// The tick values, ascending.
    let ticks: [Double]

    /// A scale covering `minimum...maximum` with about `count` ticks.
    init(minimum: Double, maximum: Double, count: Int = 5) {
        var low = minimum
        var high = maximum
        if !(high > low) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let step = Self.nice((high - low) / Double(max(count - 1, 1)), round: true)
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        let steps = Int(((last - first) / step).rounded())
        ticks = (0...steps).map { first + Double($0) * step }
        lower = first
        upper = last
    }

    /// A logarithmic axis's scale in decades: from the power of ten at or below `minimum`
    /// to the one at or above `maximum` (at least one decade), a tick at every power (every
    /// second one past eight decades). Values are base-10 logarithms.
    init(decadesFrom minimum: Double, to maximum: Double) {
        let first = Int(minimum.rounded(.down))
        let last = max(Int(maximum.rounded(.up)), first + 1)
        let step = last - first > 8 ? 2 : 1
        let top = first + ((last - first + step - 1) / step) * step
        ticks = stride(from: first, through: top, by: step).map(Double.init)
        lower = Double(first)
        upper = Double(top)
    }

    /// The fraction of the axis at which `value` lies.
    func position(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    /// A tick's label with as many decimals as the tick spacing needs.
    func label(_ value: Double) -> String {
        let spacing = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let decimals = max(0, -Int(log10(spacing).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }

    private static func nice(_ value: Double, round: Bool) -> Double {
        let exponent = log10(value).rounded(.down)
        let fraction = value / pow(10, exponent)
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * pow(10, exponent)
    }
}

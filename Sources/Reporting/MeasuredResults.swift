import Evaluation

/// The results of one model on one scenario under one seed, built from what the protocols
/// measured: a ``ResultRow`` per measurement, a ``PerUserRecord`` per user value behind it,
/// a ``DriftFigure`` per drift-curve summary and an ``OnboardingFigure`` per onboarding-curve
/// summary.
///
/// The one place measurements become results, for suite runs and for `metarec evaluate`.
public struct MeasuredResults: Sendable {
    /// One row per measurement, in the measurements' order.
    public private(set) var rows: [ResultRow] = []
    /// The per-user values behind the rows, measurement after measurement.
    public private(set) var perUser: [PerUserRecord] = []
    /// The drift protocol's curve summaries, one per metric.
    public private(set) var drift: [DriftFigure] = []
    /// The onboarding protocol's curve summaries, one per K and metric.
    public private(set) var onboarding: [OnboardingFigure] = []

    /// The results of `model` on `scenario` under `seed`: `measurements`, then those of
    /// `drift` (the drift protocol's outcome, when it ran) and of `onboarding` (likewise),
    /// with their curve summaries.
    public init(
        scenario: String, model: String, seed: UInt64, measurements: [Measurement], drift outcome: DriftOutcome? = nil,
        onboarding: OnboardingOutcome? = nil
    ) {
        let all = measurements + (outcome?.measurements ?? []) + (onboarding?.measurements ?? [])
        rows.reserveCapacity(all.count)
        perUser.reserveCapacity(all.reduce(0) { $0 + $1.perUser.count })
        for measurement in all {
            let metric = measurement.metric.description
            rows.append(
                ResultRow(
                    scenario: scenario, protocolName: measurement.protocolName, model: model, seed: seed,
                    segment: measurement.segment, shots: measurement.shots, window: measurement.window,
                    round: measurement.round,
                    metric: metric, value: measurement.value, ciLow: measurement.ciLow, ciHigh: measurement.ciHigh,
                    n: measurement.n
                ))
            // Appended one by one: mapping first would copy every record once more.
            let coordinates = ResultCoordinates(
                scenario: scenario, protocolName: measurement.protocolName, model: model, seed: seed,
                segment: measurement.segment, shots: measurement.shots, window: measurement.window,
                round: measurement.round, metric: metric)
            for value in measurement.perUser {
                perUser.append(PerUserRecord(coordinates: coordinates, user: value.user.rawValue, value: value.value))
            }
        }
        drift = (outcome?.summaries ?? []).map { entry in
            DriftFigure(
                scenario: scenario, model: model, seed: seed, metric: entry.metric.description,
                meanOverWindows: entry.summary.meanOverWindows,
                oracleCurve: entry.oracleCurve, cumulativeRegret: entry.summary.cumulativeRegret?.last,
                shifts: zip(entry.summary.shifts, outcome?.shiftLabels ?? []).map { shift, label in
                    DriftFigure.Shift(
                        window: shift.window, label: label, preShiftLevel: shift.preShiftLevel,
                        dipDepth: shift.dipDepth,
                        recoveryWindows: {
                            if case let .windows(count) = shift.recovery { return count } else { return nil }
                        }()
                    )
                },
                gapSlope: entry.summary.gapSlope, continuousProcesses: outcome?.continuousProcesses
            )
        }
        self.onboarding = (onboarding?.summaries ?? []).map {
            OnboardingFigure($0, scenario: scenario, model: model, seed: seed)
        }
    }
}

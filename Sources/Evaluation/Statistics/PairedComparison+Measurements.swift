// MARK: - Comparing models' measurements

extension PairedComparison {
    /// Compares each model's per-user measurements with the reference model's matching
    /// ones (same protocol, segment, K, window and metric), with Holm's correction over
    /// every comparison made. List-level measurements, which have no per-user values, are
    /// not compared.
    ///
    /// - Parameters:
    ///   - measurements: each model's measurements, by model name.
    ///   - reference: the reference model's name.
    /// - Returns: comparisons in model-name order, then the model's measurement order;
    ///   each ``figure`` reads like `cold-start age_band=2 K=5 ndcg@10`.
    public static func compare(measurements: [String: [Measurement]], reference: String) -> [PairedComparison] {
        guard let baseline = measurements[reference] else { return [] }
        let byFigure = Dictionary(baseline.map { (figure(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
        var requests = [Request]()
        for model in measurements.keys.sorted() where model != reference {
            for measurement in measurements[model] ?? [] where measurement.metric.isPerUser {
                let figure = figure(of: measurement)
                guard let matching = byFigure[figure] else { continue }
                requests.append(
                    Request(
                        figure: figure, model: model, modelValues: measurement.perUser,
                        reference: reference, referenceValues: matching.perUser
                    ))
            }
        }
        return compare(requests)
    }

    /// `protocol [segment] [K=k] [window w] metric`, the segment left out when it is `all`.
    private static func figure(of measurement: Measurement) -> String {
        [
            measurement.protocolName,
            measurement.segment == UserSegments.all ? nil : measurement.segment,
            measurement.shots.map { "K=\($0)" },
            measurement.window.map { "window \($0)" },
            measurement.metric.description,
        ].compactMap { $0 }.joined(separator: " ")
    }
}

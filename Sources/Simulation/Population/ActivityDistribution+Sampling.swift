import RecData

extension ActivityDistribution {
    /// The numbers of interactions `count` users aim for, drawn exactly as the
    /// simulator draws them (floor `minimum`, mean `mean`, capped at half of `items`),
    /// user `i` from stream `i` of `random`.
    ///
    /// Calibration fits the distribution's family and spread against a real dataset's
    /// activity on these draws, without simulating the behaviour behind them.
    public func sampleTargets(mean: Int, minimum: Int, items: Int, count: Int, random: RandomSource) -> [Int] {
        let model = ActivityModel(
            mean: mean, minimum: minimum, distribution: self, cap: ActivityModel.cap(items: items))
        return (0..<max(count, 0)).map { user in
            var stream = random.stream(UInt64(user))
            return model.draw(random: &stream)
        }
    }
}

import RecData

extension Oracle {
    /// The publication time of `item`, for news worlds.
    public func publishTime(of item: ItemID) -> Int64? {
        model.catalog.publishTime.isEmpty ? nil : model.catalog.publishTime[item.index]
    }

    /// How much of users' preferences and of utility the observable features explain:
    /// adjusted R² of preferences on demographic profiles, and of utility (at time 0,
    /// over at most 200 000 fixed random user–item pairs) on profile × item group.
    func featureShare() -> WorldSummary.FeatureShare {
        let population = model.population
        let dimension = population.dimension
        let cellOfUser = population.cells.map(Int.init)
        guard population.count > 1, model.catalog.count > 0 else { return WorldSummary.FeatureShare(users: 0, utility: 0) }
        var userShare = 0.0
        for d in 0..<dimension {
            let values = (0..<population.count).map { Double(population.baseVectors[$0 * dimension + d]) }
            userShare += SummaryStatistics.explainedShare(values: values, groups: cellOfUser)
        }
        userShare /= Double(max(dimension, 1))
        var random = LocalRandom(RandomSource(seed: 0x5EED).stream("feature-share"))
        let pairs = min(200_000, population.count * model.catalog.count)
        var utilities = [Double](), groups = [Int]()
        utilities.reserveCapacity(pairs)
        groups.reserveCapacity(pairs)
        let groupCount = max(1, model.catalog.groupCount)
        for _ in 0..<pairs {
            let user = random.nextIndex(below: population.count)
            let item = random.nextIndex(below: model.catalog.count)
            let preference = Array(population.baseVectors[(user * dimension)..<((user + 1) * dimension)])
            utilities.append(Double(model.utility(preference: preference, item: item, at: 0)))
            groups.append(cellOfUser[user] * groupCount + Int(model.catalog.group[item]))
        }
        return WorldSummary.FeatureShare(users: userShare, utility: SummaryStatistics.explainedShare(values: utilities, groups: groups))
    }
}

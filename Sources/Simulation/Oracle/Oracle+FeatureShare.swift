import RecData

extension Oracle {
    /// The publication time of `item`, for news worlds.
    public func publishTime(of item: ItemID) -> Int64? {
        model.catalog.publishTime.isEmpty ? nil : model.catalog.publishTime[item.index]
    }

    /// How much of users' preferences and of utility the observable features explain:
    /// adjusted R² of preferences on demographic profiles, and of utility (at time 0,
    /// over 50 fixed random items for each of up to 2 000 fixed random users) on
    /// profile × item group.
    func featureShare() -> WorldSummary.FeatureShare {
        let population = model.population
        let dimension = population.dimension
        let cellOfUser = population.cells.map(Int.init)
        guard population.count > 1, model.catalog.count > 0 else {
            return WorldSummary.FeatureShare(users: 0, utility: 0)
        }
        var userShare = 0.0
        for d in 0..<dimension {
            let values = (0..<population.count).map { Double(population.baseVectors[$0 * dimension + d]) }
            userShare += SummaryStatistics.explainedShare(values: values, groups: cellOfUser)
        }
        userShare /= Double(max(dimension, 1))
        var random = LocalRandom(RandomSource(seed: 0x5EED).stream("feature-share"))
        let sampledUsers = min(population.count, 2_000)
        let itemsPerUser = min(model.catalog.count, 50)
        var utilities = [Double]()
        var groups = [Int]()
        utilities.reserveCapacity(sampledUsers * itemsPerUser)
        groups.reserveCapacity(sampledUsers * itemsPerUser)
        let groupCount = max(1, model.catalog.groupCount)
        population.baseVectors.withUnsafeBufferPointer { preferences in
            model.catalog.quantized.withUnsafeBufferPointer { vectors in
                for _ in 0..<sampledUsers {
                    let user = random.nextIndex(below: population.count)
                    for _ in 0..<itemsPerUser {
                        let item = random.nextIndex(below: model.catalog.count)
                        let dot = WorldModel.dot(
                            preferences.baseAddress! + user * dimension, vectors.baseAddress! + item * dimension,
                            count: dimension)
                        let timeValue = model.effects.value(item: item, catalog: model.catalog, at: 0)
                        utilities.append(Double(model.utility(dot: dot, item: item, timeValue: timeValue)))
                        groups.append(cellOfUser[user] * groupCount + Int(model.catalog.group[item]))
                    }
                }
            }
        }
        return WorldSummary.FeatureShare(
            users: userShare, utility: SummaryStatistics.explainedShare(values: utilities, groups: groups))
    }
}

import RecData

extension World {
    /// The world's statistics (computed on demand, in time linear in the log; the
    /// feature shares use a fixed sample of at most 100 000 user–item pairs).
    public func summary() -> WorldSummary {
        let users = dataset.userCount
        let items = dataset.itemCount
        var perUser = [Double](repeating: 0, count: users)
        var perItem = [Double](repeating: 0, count: items)
        for interaction in dataset.interactions {
            perUser[interaction.user.index] += 1
            perItem[interaction.item.index] += 1
        }
        let sortedActivity = perUser.sorted()
        let activity = WorldSummary.Activity(
            mean: perUser.reduce(0, +) / Double(max(users, 1)),
            median: SummaryStatistics.quantile(sortedActivity, 0.5),
            p90: SummaryStatistics.quantile(sortedActivity, 0.9),
            p99: SummaryStatistics.quantile(sortedActivity, 0.99),
            minimum: sortedActivity.first ?? 0,
            maximum: sortedActivity.last ?? 0,
            gini: SummaryStatistics.gini(perUser)
        )
        let ranks = SummaryStatistics.popularityFitRanks(items: items)
        let byCount = perItem.sorted(by: >)
        let topCount = max(1, items / 100)
        let total = max(1, perItem.reduce(0, +))
        let popularity = WorldSummary.Popularity(
            gini: SummaryStatistics.gini(perItem),
            powerLawExponent: SummaryStatistics.powerLawExponent(counts: perItem, ranks: ranks),
            fitRanks: [ranks.lowerBound, ranks.upperBound],
            topPercentShare: byCount.prefix(topCount).reduce(0, +) / total,
            itemsWithInteractions: perItem.filter { $0 > 0 }.count
        )
        return WorldSummary(
            family: family, users: users, items: items, interactions: dataset.interactions.count,
            loggedChoices: log.choiceCount, slatesShown: generation.slatesShown,
            noChoiceShare: generation.slatesShown > 0
                ? Double(generation.noChoices) / Double(generation.slatesShown) : 0,
            usersShort: generation.usersShort, days: clock.days,
            activity: activity, popularity: popularity, feedback: feedbackHistograms(),
            featureShare: oracle.featureShare(),
            shifts: shiftEvents.map {
                WorldSummary.Shift(
                    kind: $0.kind, start: $0.start, end: $0.end, group: $0.group, users: $0.users.count,
                    magnitude: $0.magnitude, summary: $0.summary)
            }
        )
    }

    // MARK: - Feedback

    private func feedbackHistograms() -> [String: [String: Int]] {
        var positions = [Int](repeating: 0, count: 256)
        var yesNo = [0, 0]
        var ratings = [Int](repeating: 0, count: 6)
        var deciles = [Int](repeating: 0, count: 10)
        let ageEdges = [6.0, 12, 24, 48, 96]
        let ageLabels = ["0-6", "6-12", "12-24", "24-48", "48-96", "96+"]
        var ages = [Int](repeating: 0, count: ageLabels.count)
        for choice in log.allChoices(dataset: dataset) {
            let details = choice.details
            positions[details.position] += 1
            switch family {
            case .ecommerce:
                yesNo[details.purchased ? 0 : 1] += 1
                if details.purchased { ratings[details.rating ?? 0] += 1 }
            case .video:
                if let fraction = details.watchFraction { deciles[min(9, Int(fraction * 10))] += 1 }
                yesNo[details.liked ? 0 : 1] += 1
            case .news:
                if let published = oracle.publishTime(of: choice.interaction.item) {
                    let hours = Double(choice.interaction.time - published) / Double(WorldClock.secondsPerHour)
                    ages[ageEdges.firstIndex { hours < $0 } ?? ageEdges.count] += 1
                }
            }
        }
        func histogram(_ counts: [Int], labels: (Int) -> String) -> [String: Int] {
            Dictionary(
                uniqueKeysWithValues: counts.enumerated().filter { $0.element > 0 }.map {
                    (labels($0.offset), $0.element)
                })
        }
        var histograms = ["position": histogram(positions) { String($0) }]
        switch family {
        case .ecommerce:
            histograms["purchase"] = ["yes": yesNo[0], "no": yesNo[1]]
            histograms["rating"] = histogram(ratings) { $0 == 0 ? "none" : String($0) }
        case .video:
            histograms["watch_fraction"] = histogram(deciles) { "\(Double($0) / 10)-\(Double($0 + 1) / 10)" }
            histograms["like"] = ["yes": yesNo[0], "no": yesNo[1]]
        case .news:
            histograms["age_hours"] = histogram(ages) { ageLabels[$0] }
        }
        return histograms
    }
}

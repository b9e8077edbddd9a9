/// A model's onboarding figures of one metric at one K, over seeds, as report cells: mean
/// over rounds, cumulative regret and rounds to 90 % of the oracle's level — with their
/// intervals over users for one seed, per seed for several.
struct OnboardingFigureSummary {
    let figures: [OnboardingFigure]

    /// Mean over seeds of the mean over rounds.
    var meanOverRounds: Double {
        figures.reduce(0) { $0 + $1.meanOverRounds } / Double(max(figures.count, 1))
    }

    /// `1.2345 [1.1, 1.3]` for one seed; the mean over seeds with each seed's value for several.
    var cumulativeRegretText: String {
        guard figures.count > 1 else { return figures.first?.cumulativeRegretText ?? "–" }
        let mean = figures.reduce(0) { $0 + $1.cumulativeRegret } / Double(figures.count)
        return
            "\(SeedAggregate.format(mean)) (seeds: \(figures.map { SeedAggregate.format($0.cumulativeRegret) }.joined(separator: ", ")))"
    }

    /// The round reached, with its interval for one seed; each seed's for several.
    var reachText: String {
        let texts = figures.map(\.reachText)
        return Set(texts).count == 1 ? texts.first ?? "–" : texts.joined(separator: "; ")
    }

    /// The three cells after the model's name.
    var cells: [String] {
        [SeedAggregate.format(meanOverRounds), cumulativeRegretText, reachText]
    }
}

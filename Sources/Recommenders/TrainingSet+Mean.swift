import RecData

// MARK: - Mean feedback

extension TrainingSet {
    /// The mean feedback value over all training interactions (in double precision, then
    /// rounded to `Float`); `nil` when there are none.
    var meanValue: Float? {
        var total = 0.0
        var count = 0
        for interaction in interactions {
            total += Double(interaction.value)
            count += 1
        }
        return count > 0 ? Float(total / Double(count)) : nil
    }

    /// The output bias a feature network starts from: the mean rating for rated feedback
    /// (the scale's lower bound when there is no interaction), 0 for implicit feedback,
    /// whose output is a logit.
    var networkOutputBias: Float {
        guard dataset.feedback.hasRatings else { return 0 }
        return meanValue ?? dataset.feedback.scale.lowerBound
    }
}

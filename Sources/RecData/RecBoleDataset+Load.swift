import Foundation

extension RecBoleDataset {
    /// Reads `name`'s atomic files from `directory` as a ``Dataset`` with RecBole's id
    /// fields, `valueField` as the rating (`nil` for implicit feedback) and `timeField` as
    /// the clock (`nil` for row order); ``RecBoleImporter`` says how tables map to it.
    /// Interactions naming ids the tables lack are errors.
    public static func loadDataset(
        from directory: URL, name: String, valueField: String? = "rating", timeField: String? = "timestamp",
        feedback: Feedback? = nil
    ) throws -> Dataset {
        try RecBoleImporter(
            directory: directory, name: name, roles: RecBoleFieldRoles(rating: valueField, timestamp: timeField),
            feedback: feedback
        ).load().dataset
    }
}

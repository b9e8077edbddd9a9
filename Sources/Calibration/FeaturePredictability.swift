import Learning
import RecData

/// How much users' observable features predict their tastes: the cross-validated R² of
/// a ridge regression of each user's interaction profile on their features.
///
/// - **Profile.** A user's taste is their distribution of interactions over the
///   ``profileItems`` most popular items (the share of their interactions with those
///   items that went to each); users with none of them are left out.
/// - **Features.** Categorical user features one-hot, multi-valued ones multi-hot, with
///   levels held by fewer than ``minimumLevelUsers`` users pooled into one level
///   (zip codes and free-text tokens would otherwise be memorised). Numeric and dense
///   user features are not used.
/// - **Model.** Ridge regression on centred features, one intercept per item (Hoerl &
///   Kennard, Technometrics 1970), fitted by the normal equations.
/// - **Score.** ``folds``-fold cross-validation over users (folds by a fixed seeded
///   shuffle): `1 − Σ squared error / Σ squared deviation from the training mean`,
///   summed over held-out users and items (Hastie, Tibshirani & Friedman, *The Elements
///   of Statistical Learning*, §7.10), at the best penalty of ``penalties``. Choosing
///   one penalty out of five on the same folds biases the score up only slightly; a
///   heavy penalty predicts the training mean, so the score is about 0 when features
///   say nothing about tastes.
///
/// The same statistic is computed on a simulated world's dataset (its demographics as
/// the features), so the world's `feature_share` can be fitted to make it match.
public enum FeaturePredictability {
    /// Items in the taste profile: the most popular ones (100).
    public static let profileItems = 100
    /// Users a feature level needs to keep its own column (5).
    public static let minimumLevelUsers = 5
    /// Cross-validation folds (5, the usual choice of Hastie et al. §7.10).
    public static let folds = 5
    /// Ridge penalties tried, in pseudo-users per level (0.1 to 1000, by factors of 10).
    public static let penalties = [0.1, 1, 10, 100, 1_000]

    /// The cross-validated R², or `nil` when the users have no usable categorical
    /// feature or fewer than two users per fold have a profile.
    public static func share(of dataset: Dataset) -> Double? {
        let design = features(of: dataset.users)
        guard design.columns > 0 else { return nil }
        let profile = profiles(of: dataset)
        let users = profile.users
        guard users.count >= 2 * folds else { return nil }
        var order = users
        var random = RandomSource(seed: 0x5EED).stream("feature-predictability")
        random.shuffle(&order)
        let width = design.columns
        let items = profile.items
        var squaredError = [Double](repeating: 0, count: penalties.count)
        var squaredDeviation = 0.0
        for fold in 0..<folds {
            let test = order.enumerated().filter { $0.offset % folds == fold }.map(\.element)
            let train = order.enumerated().filter { $0.offset % folds != fold }.map(\.element)
            let featureMean = mean(of: train, in: design.values, width: width)
            let profileMean = mean(of: train, in: profile.values, width: items)
            var gram = [Double](repeating: 0, count: width * width)
            var cross = [Double](repeating: 0, count: width * items)
            for user in train {
                let x = (0..<width).map { design.values[user * width + $0] - featureMean[$0] }
                for i in 0..<width where x[i] != 0 {
                    for j in 0..<width { gram[i * width + j] += x[i] * x[j] }
                    for item in 0..<items {
                        cross[i * items + item] += x[i] * (profile.values[user * items + item] - profileMean[item])
                    }
                }
            }
            for user in test {
                for item in 0..<items {
                    let deviation = profile.values[user * items + item] - profileMean[item]
                    squaredDeviation += deviation * deviation
                }
            }
            for (index, penalty) in penalties.enumerated() {
                var penalised = gram
                for i in 0..<width { penalised[i * width + i] += penalty }
                guard
                    let coefficients = CholeskySolver.solve(
                        penalised, size: width, rightHandSides: cross, columns: items)
                else { return nil }
                for user in test {
                    let x = (0..<width).map { design.values[user * width + $0] - featureMean[$0] }
                    for item in 0..<items {
                        var prediction = profileMean[item]
                        for i in 0..<width where x[i] != 0 { prediction += x[i] * coefficients[i * items + item] }
                        let error = profile.values[user * items + item] - prediction
                        squaredError[index] += error * error
                    }
                }
            }
        }
        guard squaredDeviation > 0, let best = squaredError.min() else { return nil }
        return 1 - best / squaredDeviation
    }

    // MARK: - Parts

    /// The design matrix, `rows × columns` row-major.
    private static func features(of table: FeatureTable) -> (values: [Double], columns: Int) {
        var columns = [[Double]]()
        for (_, column) in table.columns {
            let lists: [[Int32]]
            switch column {
            case let .categorical(codes, _): lists = codes.map { [$0] }
            case let .multiValued(values, _): lists = values
            case .numeric, .dense: continue
            }
            var holders = [Int32: Int]()
            for list in lists { for code in Set(list) { holders[code, default: 0] += 1 } }
            let kept = holders.filter { $0.value >= minimumLevelUsers }.keys.sorted()
            let position = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
            let pooled = holders.contains { $0.value < minimumLevelUsers }
            var block = [[Double]](
                repeating: [Double](repeating: 0, count: table.rowCount), count: kept.count + (pooled ? 1 : 0))
            for (row, list) in lists.enumerated() {
                for code in Set(list) { block[position[code] ?? kept.count][row] = 1 }
            }
            columns += block.filter { column in column.contains { $0 != column[0] } }
        }
        var values = [Double](repeating: 0, count: table.rowCount * columns.count)
        for (index, column) in columns.enumerated() {
            for row in 0..<table.rowCount { values[row * columns.count + index] = column[row] }
        }
        return (values, columns.count)
    }

    /// Each user's share of interactions over the most popular items, `users × items`
    /// row-major, and the users with at least one such interaction.
    private static func profiles(of dataset: Dataset) -> (values: [Double], items: Int, users: [Int]) {
        var counts = [Int](repeating: 0, count: dataset.itemCount)
        for interaction in dataset.interactions { counts[interaction.item.index] += 1 }
        let top = counts.indices.sorted { (counts[$0], $1) > (counts[$1], $0) }.prefix(profileItems)
        let column = Dictionary(uniqueKeysWithValues: top.enumerated().map { ($1, $0) })
        let items = top.count
        var values = [Double](repeating: 0, count: dataset.userCount * items)
        var totals = [Double](repeating: 0, count: dataset.userCount)
        for interaction in dataset.interactions {
            guard let position = column[interaction.item.index] else { continue }
            values[interaction.user.index * items + position] += 1
            totals[interaction.user.index] += 1
        }
        let users = totals.indices.filter { totals[$0] > 0 }
        for user in users {
            for item in 0..<items { values[user * items + item] /= totals[user] }
        }
        return (values, items, users)
    }

    private static func mean(of rows: [Int], in values: [Double], width: Int) -> [Double] {
        var total = [Double](repeating: 0, count: width)
        for row in rows { for i in 0..<width { total[i] += values[row * width + i] } }
        return total.map { $0 / Double(max(rows.count, 1)) }
    }
}

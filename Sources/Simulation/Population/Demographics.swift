/// The observable demographic features every simulated user has.
public enum Demographics {
    /// Feature names and the number of values each takes, in table order.
    public static let fields: [(name: String, cardinality: Int)] = [
        ("age_band", 6), ("gender", 3), ("region", 8), ("device", 3),
    ]

    /// The number of distinct demographic profiles (product of the cardinalities).
    public static var cellCount: Int { fields.reduce(1) { $0 * $1.cardinality } }

    /// The index of a profile among all ``cellCount`` combinations.
    static func cell(of codes: [Int]) -> Int {
        var cell = 0
        for (field, code) in zip(fields, codes) { cell = cell * field.cardinality + code }
        return cell
    }
}

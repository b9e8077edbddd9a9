/// What the MovieLens 100K and 1M importers share: the genre vocabulary, the age bands,
/// the release-year coding, the user table and the ratings file layout.
///
/// Both formats come from GroupLens (Harper & Konstan, "The MovieLens Datasets: History
/// and Context", ACM TiiS 5(4), 2015); their READMEs define the fields used here.
enum MovieLensFeatures {
    /// The genres of MovieLens 100K's `u.genre`, in its order; MovieLens 1M uses the same
    /// names without `unknown`. Codes are positions in this list, so both formats agree.
    static let genres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]

    /// The lower bounds of MovieLens 1M's age bands (its README: 1 "Under 18", 18 "18-24",
    /// 25 "25-34", 35 "35-44", 45 "45-49", 50 "50-55", 56 "56+"), as MeLU uses them
    /// (Lee et al., KDD 2019). A 100K user's raw age falls into the same bands.
    static let ageBands = [1, 18, 25, 35, 45, 50, 56]

    /// The band code of a raw age (`0` for under 18).
    static func ageBand(ofAge age: Int) -> Int32 {
        Int32((ageBands.lastIndex { $0 <= age }) ?? 0)
    }

    /// The categorical column of release years: codes by rank among the distinct known years,
    /// one more code (the last) for an unknown year when there is one.
    static func releaseYears(_ years: [Int?]) -> FeatureColumn {
        let known = Set(years.compactMap { $0 }).sorted()
        let code = Dictionary(uniqueKeysWithValues: known.enumerated().map { ($1, Int32($0)) })
        let unknown = Int32(known.count)
        let hasUnknown = years.contains(nil)
        return .categorical(
            years.map { $0.flatMap { code[$0] } ?? unknown }, cardinality: known.count + (hasUnknown ? 1 : 0))
    }

    /// The user table shared by both formats: `age` (band), `gender`, `occupation` and
    /// `zip_code`, categorical, coded by rank among the distinct values (``CategoryCoder``).
    static func userTable(ages: [Int32], genders: [String], occupations: [String], zipCodes: [String]) -> FeatureTable {
        var table = FeatureTable(rowCount: ages.count)
        table.append("age", .categorical(ages, cardinality: ageBands.count))
        table.append("gender", CategoryCoder.categorical(genders, keepingIntegers: false))
        table.append("occupation", CategoryCoder.categorical(occupations, keepingIntegers: false))
        table.append("zip_code", CategoryCoder.categorical(zipCodes, keepingIntegers: false))
        return table
    }

    /// The item table shared by both formats: `genre` (multi-valued over ``genres``) and
    /// `release_year` (``releaseYears(_:)``).
    static func itemTable(genres: [[Int32]], years: [Int?]) -> FeatureTable {
        var table = FeatureTable(rowCount: genres.count)
        table.append("genre", .multiValued(genres, cardinality: Self.genres.count))
        table.append("release_year", releaseYears(years))
        return table
    }

    /// Reads a ratings file — `user item rating timestamp` per line, cells split by
    /// `separator` — into `collector`. Ratings are whole stars 1–5, times Unix seconds.
    static func readRatings(_ file: TextFile, separator: [UInt8], into collector: inout InteractionCollector) throws {
        let names = ["user_id", "item_id", "rating", "timestamp"]
        var cells = [Range<Int>]()
        try file.forEachLine { number, line in
            file.split(line, separator: separator, into: &cells)
            guard cells.count == names.count else {
                throw file.error(line: number, "expected 4 cells (user, item, rating, timestamp), found \(cells.count)")
            }
            guard let rating = file.number(cells[2]), (1...5).contains(rating) else {
                throw file.error(
                    line: number, field: names[2], "expects a rating from 1 to 5, found '\(file.text(cells[2]))'")
            }
            guard let time = file.integer(cells[3]) else {
                throw file.error(
                    line: number, field: names[3], "expects whole Unix seconds, found '\(file.text(cells[3]))'")
            }
            try collector.add(
                user: file.text(cells[0]), item: file.text(cells[1]), time: Int64(time), value: Float(rating),
                file: file, line: number, fields: (names[0], names[1])
            )
        }
    }

    /// Reads the rows of a `|`- or `::`-separated table with `count` cells per row, calling
    /// `row` with each line's number and cells.
    static func readTable(
        _ file: TextFile, separator: [UInt8], count: Int, describing layout: String,
        row: (_ number: Int, _ cells: [Range<Int>]) throws -> Void
    ) throws {
        var cells = [Range<Int>]()
        try file.forEachLine { number, line in
            file.split(line, separator: separator, into: &cells)
            guard cells.count == count else {
                throw file.error(line: number, "expected \(count) cells (\(layout)), found \(cells.count)")
            }
            try row(number, cells)
        }
    }

    /// Adds a table row's id to `index`.
    /// - Throws: ``DataImportError`` when the id is empty or listed twice.
    static func insert(_ cell: Range<Int>, of file: TextFile, line: Int, field: String, into index: inout IDIndex)
        throws
    {
        let id = file.text(cell)
        guard !id.isEmpty else { throw file.error(line: line, field: field, "the id is empty") }
        guard index.insert(id) else { throw file.error(line: line, field: field, "id '\(id)' appears twice") }
    }
}

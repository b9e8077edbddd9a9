import Foundation

/// Reads the raw MovieLens 100K files from GroupLens (`ml-100k/`): `u.data`, `u.user` and
/// `u.item`, as described in the dataset's README.
///
/// - `u.data`: `user item rating timestamp`, tab-separated; ratings 1–5, Unix seconds.
/// - `u.user`: `id|age|gender|occupation|zip`; the age becomes MovieLens 1M's band
///   (`MovieLensFeatures/ageBands`), the rest categorical.
/// - `u.item`: `id|title|release date|video release date|IMDb URL|` then 19 genre flags
///   (0/1) in `u.genre`'s order; the flags become the multi-valued `genre`, the release
///   date's year (`01-Jan-1995`) the categorical `release_year`. The file is ISO-8859-1
///   (Latin-1): titles hold bytes that are not UTF-8, so it is read as bytes, and titles
///   are not kept.
public struct MovieLens100K: MovieLensRelease {
    /// The folder holding the files.
    public var directory: URL
    /// What to do with ratings naming ids the tables lack.
    public var unknownIDs = UnknownIDPolicy.fail

    /// An importer of the files in `directory`.
    public init(directory: URL, unknownIDs: UnknownIDPolicy = .fail) {
        self.directory = directory
        self.unknownIDs = unknownIDs
    }

    public static let fileNames = ["u.data", "u.user", "u.item"]
    public static let datasetName = "ml-100k"
    public static let ratingSeparator = [UInt8(ascii: "\t")]

    // MARK: - Tables

    private static let bar = [UInt8(ascii: "|")]

    public static func users(_ file: TextFile) throws -> (FeatureTable, IDIndex) {
        var index = IDIndex(open: false)
        var ages = [Int32]()
        var genders = [String]()
        var occupations = [String]()
        var zipCodes = [String]()
        try MovieLensFeatures.readTable(file, separator: bar, count: 5, describing: "id|age|gender|occupation|zip") {
            number, cells in
            try MovieLensFeatures.insert(cells[0], of: file, line: number, field: "user_id", into: &index)
            guard let age = file.integer(cells[1]), (0...150).contains(age) else {
                throw file.error(line: number, field: "age", "expects an age in years, found '\(file.text(cells[1]))'")
            }
            ages.append(MovieLensFeatures.ageBand(ofAge: age))
            genders.append(file.text(cells[2]))
            occupations.append(file.text(cells[3]))
            zipCodes.append(file.text(cells[4]))
        }
        return (
            MovieLensFeatures.userTable(ages: ages, genders: genders, occupations: occupations, zipCodes: zipCodes),
            index
        )
    }

    public static func items(_ file: TextFile) throws -> (FeatureTable, IDIndex) {
        var index = IDIndex(open: false)
        var genres = [[Int32]]()
        var years = [Int?]()
        let genreCount = MovieLensFeatures.genres.count
        let layout = "id|title|release date|video release date|IMDb URL| and \(genreCount) genre flags"
        try MovieLensFeatures.readTable(file, separator: bar, count: 5 + genreCount, describing: layout) {
            number, cells in
            try MovieLensFeatures.insert(cells[0], of: file, line: number, field: "item_id", into: &index)
            years.append(try releaseYear(cells[2], of: file, line: number))
            var flags = [Int32]()
            for genre in 0..<genreCount {
                switch file.integer(cells[5 + genre]) {
                case 1: flags.append(Int32(genre))
                case 0: break
                default:
                    throw file.error(
                        line: number, field: MovieLensFeatures.genres[genre],
                        "a genre flag is 0 or 1, found '\(file.text(cells[5 + genre]))'")
                }
            }
            genres.append(flags)
        }
        return (MovieLensFeatures.itemTable(genres: genres, years: years), index)
    }

    /// The year of a release date `dd-Mon-yyyy`; `nil` for an empty cell.
    private static func releaseYear(_ cell: Range<Int>, of file: TextFile, line: Int) throws -> Int? {
        guard !cell.isEmpty else { return nil }
        guard cell.count >= 4, let year = file.integer((cell.upperBound - 4)..<cell.upperBound),
            (1800...2100).contains(year)
        else {
            throw file.error(
                line: line, field: "release_date", "expects a date like 01-Jan-1995, found '\(file.text(cell))'")
        }
        return year
    }
}

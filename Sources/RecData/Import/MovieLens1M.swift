import Foundation

/// Reads the raw MovieLens 1M files from GroupLens (`ml-1m/`): `ratings.dat`, `users.dat`
/// and `movies.dat`, `::`-separated, as described in the dataset's README.
///
/// - `ratings.dat`: `UserID::MovieID::Rating::Timestamp`; ratings 1–5, Unix seconds.
/// - `users.dat`: `UserID::Gender::Age::Occupation::Zip-code`; the age is already one of
///   the README's bands (`MovieLensFeatures/ageBands`), the occupation a code 0–20.
/// - `movies.dat`: `MovieID::Title (Year)::Genre|Genre|…`; genres become the multi-valued
///   `genre` (codes shared with MovieLens 100K), the year in the title's last parentheses
///   the categorical `release_year`. The file is ISO-8859-1 (Latin-1), read as bytes;
///   titles are not kept.
public struct MovieLens1M: MovieLensRelease {
    /// The folder holding the files.
    public var directory: URL
    /// What to do with ratings naming ids the tables lack.
    public var unknownIDs = UnknownIDPolicy.fail

    /// An importer of the files in `directory`.
    public init(directory: URL, unknownIDs: UnknownIDPolicy = .fail) {
        self.directory = directory
        self.unknownIDs = unknownIDs
    }

    public static let fileNames = ["ratings.dat", "users.dat", "movies.dat"]
    public static let datasetName = "ml-1m"
    public static let ratingSeparator = separator

    /// The separator of every file of this release.
    private static let separator = Array("::".utf8)

    // MARK: - Tables

    public static func users(_ file: TextFile) throws -> (FeatureTable, IDIndex) {
        var index = IDIndex(open: false)
        var ages = [Int32]()
        var genders = [String]()
        var occupations = [String]()
        var zipCodes = [String]()
        try MovieLensFeatures.readTable(
            file, separator: separator, count: 5, describing: "UserID::Gender::Age::Occupation::Zip-code"
        ) { number, cells in
            try MovieLensFeatures.insert(cells[0], of: file, line: number, field: "user_id", into: &index)
            guard let age = file.integer(cells[2]), let band = MovieLensFeatures.ageBands.firstIndex(of: age) else {
                let bands = MovieLensFeatures.ageBands.map(String.init).joined(separator: ", ")
                throw file.error(
                    line: number, field: "age", "expects an age band (\(bands)), found '\(file.text(cells[2]))'")
            }
            guard let occupation = file.integer(cells[3]), (0...20).contains(occupation) else {
                throw file.error(
                    line: number, field: "occupation", "expects an occupation code 0–20, found '\(file.text(cells[3]))'"
                )
            }
            ages.append(Int32(band))
            genders.append(file.text(cells[1]))
            occupations.append(String(occupation))
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
        var names = [Range<Int>]()
        try MovieLensFeatures.readTable(file, separator: separator, count: 3, describing: "MovieID::Title::Genres") {
            number, cells in
            try MovieLensFeatures.insert(cells[0], of: file, line: number, field: "item_id", into: &index)
            years.append(year(inTitle: cells[1], of: file))
            file.split(cells[2], separator: [UInt8(ascii: "|")], into: &names)
            genres.append(
                try names.filter { !$0.isEmpty }.map { name in
                    let genre = file.text(name)
                    guard let code = MovieLensFeatures.genres.firstIndex(of: genre) else {
                        throw file.error(
                            line: number, field: "genres",
                            "unknown genre '\(genre)'; known: \(MovieLensFeatures.genres.dropFirst().joined(separator: ", "))"
                        )
                    }
                    return Int32(code)
                })
        }
        return (MovieLensFeatures.itemTable(genres: genres, years: years), index)
    }

    /// The year in a title's closing `(yyyy)`, when it ends with one.
    private static func year(inTitle title: Range<Int>, of file: TextFile) -> Int? {
        var end = title.upperBound
        while end > title.lowerBound, file.bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard end - title.lowerBound >= 6, file.bytes[end - 1] == UInt8(ascii: ")"),
            file.bytes[end - 6] == UInt8(ascii: "(")
        else {
            return nil
        }
        return file.integer((end - 5)..<(end - 1))
    }
}

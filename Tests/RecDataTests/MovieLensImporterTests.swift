import Foundation
import Testing

@testable import RecData

@Suite("MovieLens importers")
struct MovieLensImporterTests {
    @Test("MovieLens 100K: tab-separated ratings, |-separated tables, Latin-1 titles, genre flags")
    func hundredK() throws {
        let imported = try MovieLens100K(directory: ImportFixtures.folder("movielens-100k")).load()
        let dataset = imported.dataset
        #expect(dataset.name == "ml-100k" && dataset.feedback == .rating(minimum: 1, maximum: 5))
        #expect(
            dataset.interactions == [
                Interaction(user: UserID(0), item: ItemID(0), time: 874_965_758, value: 5),
                Interaction(user: UserID(0), item: ItemID(1), time: 876_893_171, value: 3),
                Interaction(user: UserID(2), item: ItemID(2), time: 879_372_434, value: 1),
                Interaction(user: UserID(1), item: ItemID(0), time: 888_550_871, value: 4),
            ])
        // Ages 24, 53, 17 fall into MovieLens 1M's bands 18-24, 50-55, under 18.
        #expect(dataset.users.column(named: "age") == .categorical([1, 5, 0], cardinality: 7))
        #expect(dataset.users.column(named: "gender") == .categorical([1, 0, 1], cardinality: 2))
        #expect(dataset.users.column(named: "occupation") == .categorical([2, 0, 1], cardinality: 3))
        #expect(dataset.users.column(named: "zip_code") == .categorical([0, 1, 2], cardinality: 3))
        #expect(dataset.items.column(named: "genre") == .multiValued([[3, 4, 5], [1], [0]], cardinality: 19))
        #expect(dataset.items.column(named: "release_year") == .categorical([0, 1, 2], cardinality: 3))
    }

    @Test("MovieLens 1M: ::-separated files, banded ages, genres by name, the year in the title")
    func oneMillion() throws {
        let dataset = try MovieLens1M(directory: ImportFixtures.folder("movielens-1m")).load().dataset
        #expect(dataset.name == "ml-1m")
        #expect(
            dataset.interactions == [
                Interaction(user: UserID(0), item: ItemID(0), time: 978_300_760, value: 5),
                Interaction(user: UserID(1), item: ItemID(2), time: 978_301_968, value: 4),
                Interaction(user: UserID(0), item: ItemID(1), time: 978_302_109, value: 3),
            ])
        #expect(dataset.users.column(named: "age") == .categorical([0, 6], cardinality: 7))
        #expect(dataset.users.column(named: "occupation") == .categorical([0, 1], cardinality: 2))
        #expect(dataset.items.column(named: "genre") == .multiValued([[3, 4, 5], [2, 15], [8]], cardinality: 19))
        #expect(dataset.items.column(named: "release_year") == .categorical([0, 0, 1], cardinality: 2))
    }

    @Test("Bad MovieLens files name the file, line and field")
    func badFiles() throws {
        let flag = try #require(
            ImportFixtures.error {
                _ = try MovieLens100K(directory: ImportFixtures.folder("movielens-100k-bad-flag")).load()
            })
        #expect(flag.file.hasSuffix("movielens-100k-bad-flag/u.item") && flag.line == 1 && flag.field == "unknown")
        #expect(flag.message.contains("a genre flag is 0 or 1, found '2'"))
        let genre = try #require(
            ImportFixtures.error {
                _ = try MovieLens1M(directory: ImportFixtures.folder("movielens-1m-bad-genre")).load()
            })
        #expect(genre.file.hasSuffix("movies.dat") && genre.line == 1 && genre.field == "genres")
        #expect(genre.message.hasPrefix("unknown genre 'Cartoon'"))
        let folder = ImportFixtures.folder("movielens-1m-unknown-item")
        let unknown = try #require(ImportFixtures.error { _ = try MovieLens1M(directory: folder).load() })
        #expect(unknown.file.hasSuffix("ratings.dat") && unknown.line == 2 && unknown.field == "item_id")
        let rating = try #require(
            ImportFixtures.error { _ = try MovieLens1M(directory: folder, unknownIDs: .skip).load() })
        #expect(rating.line == 3 && rating.field == "rating" && rating.message.contains("found 'x'"))
        let missing = try #require(
            ImportFixtures.error { _ = try MovieLens1M(directory: ImportFixtures.folder("nowhere")).load() })
        #expect(missing.message == "no such file")
    }
}

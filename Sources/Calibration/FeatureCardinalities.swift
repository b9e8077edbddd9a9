import RecData
import Simulation

/// The distinct values of a dataset's categorical and multi-valued features, and which
/// of them correspond to a family's catalog knobs.
///
/// Item features are matched to knobs by name (lower-cased, singular or plural):
///
/// | family | knob | feature names |
/// |---|---|---|
/// | e-commerce | `categories` | category, class, genre |
/// | e-commerce | `subcategories` (per category) | subcategory |
/// | e-commerce | `brands` | brand, manufacturer |
/// | video | `genres` (and `max_genres`, the longest list) | genre, class, category |
/// | video | `creators` | creator, channel, director, author, uploader |
/// | news | `topics` | topic, category, class, genre |
/// | news | `sources` | source, publisher, outlet |
///
/// A simulated user's features are fixed demographics (`Demographics`: age band,
/// gender, region, device); no knob sets their cardinalities, so the dataset's user
/// features are listed beside them for comparison only.
public struct FeatureCardinalities: Hashable, Sendable {
    /// One feature and its number of distinct observed values.
    public struct Entry: Hashable, Sendable {
        /// The feature's name.
        public let name: String
        /// Distinct values observed (codes in use, not the declared cardinality).
        public let distinct: Int
        /// Most values of one row (1 for categorical features).
        public let longestList: Int
    }

    /// The dataset's user features.
    public let users: [Entry]
    /// The dataset's item features.
    public let items: [Entry]

    /// Counts the distinct values of `dataset`'s features.
    public init(_ dataset: Dataset) {
        users = Self.entries(dataset.users)
        items = Self.entries(dataset.items)
    }

    /// The item feature matching one of `names`, if any.
    public func item(named names: [String]) -> Entry? {
        items.first { entry in
            let name = entry.name.lowercased()
            return names.contains { singular in
                let plurals = [
                    singular + "s", singular + "es", singular.hasSuffix("y") ? singular.dropLast() + "ies" : singular,
                ]
                return name == singular || plurals.contains(name)
            }
        }
    }

    /// Names matched to each knob, per family (see the type's table).
    public static let aliases: [WorldFamily: [String: [String]]] = [
        .ecommerce: [
            "categories": ["category", "class", "genre"], "subcategories": ["subcategory"],
            "brands": ["brand", "manufacturer"],
        ],
        .video: [
            "genres": ["genre", "class", "category"],
            "creators": ["creator", "channel", "director", "author", "uploader"],
        ],
        .news: ["topics": ["topic", "category", "class", "genre"], "sources": ["source", "publisher", "outlet"]],
    ]

    private static func entries(_ table: FeatureTable) -> [Entry] {
        table.columns.compactMap { field, column in
            switch column {
            case let .categorical(codes, _):
                return Entry(name: field.name, distinct: Set(codes).count, longestList: 1)
            case let .multiValued(lists, _):
                return Entry(
                    name: field.name, distinct: Set(lists.joined()).count, longestList: lists.map(\.count).max() ?? 0)
            case .numeric, .dense:
                return nil
            }
        }
    }
}

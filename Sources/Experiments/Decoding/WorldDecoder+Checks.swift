import Foundation
import Simulation

/// The consistency checks between a world's keys, made once every key is decoded.
extension WorldDecoder {
    func checkCommon(_ world: SpecNode.Mapping, _ config: CommonWorldConfig) throws {
        if config.minimumInteractions > config.interactionsPerUser {
            throw (world["min_interactions_per_user"] ?? world.owner).error(
                "min_interactions_per_user (\(config.minimumInteractions)) exceeds interactions_per_user (\(config.interactionsPerUser))"
            )
        }
        if !config.archetypeMix.isEmpty, config.archetypeMix.count != config.archetypes {
            throw (world["archetype_mix"] ?? world.owner).error(
                "archetype_mix gives \(config.archetypeMix.count) offsets; the world has \(config.archetypes) archetypes (give one each)"
            )
        }
        if config.slateSize > config.items {
            throw (world["slate_size"] ?? world.owner).error(
                "slate_size (\(config.slateSize)) exceeds the catalog's \(config.items) items")
        }
    }

    func checkEcommerce(_ world: SpecNode.Mapping, _ config: EcommerceWorldConfig) throws {
        if config.signal == .rating, config.ratingProbability == 0 {
            throw (world["rating_probability"] ?? world.owner).error(
                "with dataset_signal 'rating' the rating probability must be above 0")
        }
    }

    func checkVideo(_ world: SpecNode.Mapping, _ config: VideoWorldConfig) throws {
        if config.maxGenres > config.genres {
            throw (world["max_genres"] ?? world.owner).error(
                "max_genres (\(config.maxGenres)) exceeds the \(config.genres) genres")
        }
    }

    func checkNews(_ world: SpecNode.Mapping, _ config: NewsWorldConfig) throws {
        let live = config.expectedLiveArticles
        if live < Double(2 * config.slateSize) {
            throw (world["lifetime_hours"] ?? world["items"] ?? world.owner).error(
                String(
                    format:
                        "only about %.1f articles would be live at a time, fewer than two slates of %d; publish more items or keep them longer",
                    live, config.slateSize
                ))
        }
    }
}

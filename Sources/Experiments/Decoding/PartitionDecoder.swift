import Evaluation

/// Decodes `protocols.cold_start.partitions` (``PartitionConfig/fields``), MeLU's four
/// partitions, with file, line and field in every error.
struct PartitionDecoder {
    /// - Parameter traits: what the scenario's data offers; partitions need items that
    ///   arrive during the log.
    func decode(_ node: SpecNode, traits: DataTraits) throws -> PartitionConfig {
        var config = PartitionConfig()
        let fields = try node.decode(PartitionConfig.fields, into: &config, context: DecodingContext(traits: traits))
        if let value = fields["cutoff"], config.cutoffShare <= 0 || config.cutoffShare >= 1 {
            throw value.error(
                "the cut-off is a share of the log's time span strictly between 0 and 1, found \(config.cutoffShare)")
        }
        guard traits.introducesItems else {
            throw node.error(
                "partitions need items that arrive during the clock: add a 'churn' process with arrivals > 0 to world.drift, or use the news family"
            )
        }
        return config
    }
}

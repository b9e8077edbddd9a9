import Foundation

extension World {
    /// One line on how the world came about — its size, the time generation took and the
    /// simulator's throughput — as `metarec simulate` prints it (the benchmark in
    /// `Benchmarks/Simulation` reads it).
    public var generationReport: String {
        let choicesPerSecond =
            generation.behaviourProcessorSeconds > 0
            ? Double(log.choiceCount) / generation.behaviourProcessorSeconds : 0
        return String(
            format: "%@ world: %d users, %d items, %d interactions, %d logged choices, %d slates; "
                + "generated in %.2f s (%.2f processor s; behaviour %.2f s, %.2f processor s; %d threads); "
                + "%.3f M slates and %.3f M logged choices per processor second; %.1f bytes per stored choice",
            family.rawValue, dataset.userCount, dataset.itemCount, dataset.interactions.count,
            log.choiceCount, generation.slatesShown, generation.totalSeconds, generation.totalProcessorSeconds,
            generation.behaviourSeconds,
            generation.behaviourProcessorSeconds, generation.threads, generation.slatesPerProcessorSecond / 1e6,
            choicesPerSecond / 1e6, log.bytesPerChoice(dataset: dataset)
        )
    }
}

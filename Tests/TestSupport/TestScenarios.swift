/// Scenario files the test targets share.
public enum TestScenarios {
    /// A valid small e-commerce scenario (120 users, 60 items, one seed, cold start at
    /// K = 0 and 2) with `models` (YAML lines of the `models` list) and `metrics` (a YAML
    /// flow list), and `extra` lines appended at the top level.
    public static func tiny(name: String = "tiny", models: String, metrics: String, extra: String = "") -> String {
        """
        name: \(name)
        family: ecommerce
        seeds: [1]
        world:
          users: 120
          items: 60
          interactions_per_user: 15
          min_interactions_per_user: 12
        protocols:
          cold_start:
            shots: [0, 2]
            min_query: 3
            bootstrap_resamples: 50
        models:
        \(models)
        metrics: \(metrics)
        \(extra)
        """
    }
}

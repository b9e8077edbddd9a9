import Simulation

/// A family's world configuration, which holds the settings every family shares; lets the
/// decoder and the schema treat the three families alike.
protocol FamilyWorldConfig {
    /// The family's defaults.
    init()
    /// The settings shared by every family.
    var common: CommonWorldConfig { get set }
    /// The family.
    static var family: WorldFamily { get }
    /// The keys only this family's `world` mapping accepts, in the order errors list them.
    static var familyFields: [ScenarioField<Self>] { get }
}

extension FamilyWorldConfig {
    /// Every key this family's `world` mapping accepts: the shared ones, then the family's own.
    static var worldFields: [ScenarioField<Self>] { commonFields + familyFields }
}

extension EcommerceWorldConfig: FamilyWorldConfig {
    static var family: WorldFamily { .ecommerce }
}

extension VideoWorldConfig: FamilyWorldConfig {
    static var family: WorldFamily { .video }
}

extension NewsWorldConfig: FamilyWorldConfig {
    static var family: WorldFamily { .news }
}

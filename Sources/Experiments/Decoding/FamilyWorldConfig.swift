import Simulation

/// A family's world configuration, which holds the settings every family shares; lets the
/// decoder treat the three families alike.
protocol FamilyWorldConfig {
    /// The settings shared by every family.
    var common: CommonWorldConfig { get set }
}

extension EcommerceWorldConfig: FamilyWorldConfig {}
extension VideoWorldConfig: FamilyWorldConfig {}
extension NewsWorldConfig: FamilyWorldConfig {}

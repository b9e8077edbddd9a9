/// What the proximal inner loop hands the implicit meta-gradient besides the adapted
/// parameters: the support loss at the start `θ` and the support loss linearized at `φ`.
struct ProximalSolution {
    /// The approximate proximal solution.
    let phi: ParameterSet
    /// `L_support(θ)`; NaN for an empty support set.
    let initialLoss: Double
    /// The support loss's forward and backward passes at `phi`, when asked for and the
    /// support set is not empty.
    let point: Linearization?
}

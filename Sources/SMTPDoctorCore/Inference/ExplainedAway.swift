/// A fallback diagnosis set aside because a more specific diagnosis accounts for the same observation.
///
/// `535 5.7.8 Authentication credentials invalid` supports "a security or policy refusal (X.7.x)" through its code
/// alone; "the server rejected the username or password" explains the same reply more specifically and at least as
/// certainly, so the fallback is not shown at any confidence.
public struct ExplainedAway: Sendable, Hashable {
    /// The fallback set aside.
    public var diagnosisID: String
    /// The certainty its own evidence gave it in that observation.
    public var certainty: Double
    /// The more specific diagnosis that explains the observation.
    public var explainedBy: String
    /// The observation (1-based), when there were several.
    public var observation: Int?
}

/// A piece of evidence that held for a diagnosis, with its weight and the tests behind it.
public struct EvidenceFiring: Sendable {
    /// The evidence id, such as `auth.bad-credentials#1`.
    public var ruleID: String
    /// Its certainty factor.
    public var certainty: Double
    /// The tests that held.
    public var because: [ConditionCheck]
    /// The observation it held for (1-based), when there were several.
    public var observation: Int?

    /// The tests in words: `reply.enhanced = 5.7.8 and error.text contains "credentials invalid"`.
    public var reason: String {
        because.map(\.description).joined(separator: " and ")
    }
}

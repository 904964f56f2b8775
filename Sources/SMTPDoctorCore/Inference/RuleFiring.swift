/// A derivation rule that fired: which facts it set and the tests that made it fire.
public struct RuleFiring: Sendable {
    /// The rule's id.
    public var ruleID: String
    /// Why the rule holds, from the knowledge base.
    public var doc: String
    /// The facts it set.
    public var facts: [Fact]
    /// The tests that held.
    public var because: [ConditionCheck]
    /// The observation it fired for (1-based), when there were several.
    public var observation: Int?
}

/// A rule that adds facts when its condition holds.
///
/// ```yaml
/// - id: network.refused-from-text
///   if: { error.text: { contains: ["connection refused", "econnrefused"] } }
///   then: { network.error: refused }
///   priority: 10      # optional, default 0: decides when two rules would set the same fact
/// ```
public struct DerivationRule: Sendable {
    /// The rule's id.
    public var id: String
    /// Why the rule holds, for explanations.
    public var doc: String
    /// When it fires.
    public var condition: Condition
    /// The facts it sets.
    public var assignments: [(fact: FactReference, value: FactValue)]
    /// Which rule sets a fact when several would: the engine tries rules of higher priority first, and a fact once
    /// set is not overwritten.
    public var priority: Int = 0
    /// Where it is written.
    public var location: SourceLocation
}

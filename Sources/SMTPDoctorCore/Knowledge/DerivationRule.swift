/// A rule that adds facts when its condition holds.
///
/// ```yaml
/// - id: network.refused-from-text
///   if: { error.text: { contains: ["connection refused", "econnrefused"] } }
///   then: { network.error: refused }
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
    /// Where it is written.
    public var location: SourceLocation
}

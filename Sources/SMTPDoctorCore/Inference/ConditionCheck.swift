/// The record of one test on one fact during inference: what was asked, what was known, and the answer.
///
/// Explanations are made from these records, so they show exactly what the engine saw.
public struct ConditionCheck: Sendable {
    /// The fact tested.
    public var fact: String
    /// The test as compiled.
    public var factTest: FactTest
    /// Whether the test sits under a `not`, so that it had to fail for the condition to hold.
    public var negated: Bool
    /// The fact's value, if known.
    public var value: FactValue?
    /// Where the value came from.
    public var source: FactSource?
    /// Whether the test held.
    public var holds: Bool
}

// MARK: - CustomStringConvertible

extension ConditionCheck: CustomStringConvertible {
    /// The test, as words: `= 5.7.8`, `contains "relay access denied"`, `not = 535`.
    public var test: String {
        (negated ? "not " : "") + factTest.words
    }

    public var description: String {
        guard let value else { return "\(fact) \(test) (unknown)" }
        let shown = value.description.count > 60 ? String(value.description.prefix(57)) + "…" : value.description
        if test.hasPrefix("=") && holds { return "\(fact) = \(shown)" }
        return "\(fact) \(test) (is \"\(shown)\")"
    }
}

/// Facts that belong together because they describe one event: one pasted error, one probe run, one log line.
///
/// Each observation is reasoned about on its own and the certainties of the diagnoses it supports are combined,
/// so that two pasted errors with different codes do not overwrite each other's facts.
public struct Observation: Sendable, Hashable {
    /// The facts of the observation.
    public var facts: [Fact]

    /// Creates an observation from its facts.
    public init(facts: [Fact]) {
        self.facts = facts
    }
}

/// Everything given to one diagnosis: facts that hold for the whole case and the observations to reason about.
public struct Evidence: Sendable, Hashable {
    /// Facts true for every observation: the provider, symptoms, the client's configuration.
    public var context: [Fact]
    /// Separate events; with none, the context alone is reasoned about.
    public var observations: [Observation]

    /// Creates the evidence for one diagnosis.
    public init(context: [Fact] = [], observations: [Observation] = []) {
        self.context = context
        self.observations = observations
    }
}

/// One thing known about the failing delivery, with where it came from.
///
/// ```
/// reply.enhanced = 5.7.8   (pasted error 1)
/// ```
public struct Fact: Sendable, Hashable {
    /// The declared name of the fact, such as `reply.code`.
    public var name: String
    /// Its value.
    public var value: FactValue
    /// Where it came from.
    public var source: FactSource

    /// Creates a fact.
    public init(_ name: String, _ value: FactValue, source: FactSource) {
        self.name = name
        self.value = value
        self.source = source
    }
}

/// A fact name that rules may read or write, with its type and meaning.
///
/// ```yaml
/// reply.class:
///   type: enum
///   values: [success, intermediate, transient, permanent]
///   doc: What the first digit of the reply or enhanced code says about the outcome.
/// ```
public struct FactDeclaration: Sendable, Hashable {
    /// The fact's name, such as `reply.class`.
    public var name: String
    /// The kind of value.
    public var type: FactType
    /// The allowed values of an `enum` fact; empty for other types.
    public var values: [String]
    /// What the fact means.
    public var doc: String
    /// Where it is declared.
    public var location: SourceLocation
}

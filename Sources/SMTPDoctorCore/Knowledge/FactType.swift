/// The kind of value a fact holds, as declared in `facts.yaml`.
public enum FactType: String, Sendable, Hashable, CaseIterable {
    /// A whole number, such as a reply code.
    case int
    /// Yes or no.
    case bool
    /// A short word compared exactly (ignoring case), such as an enhanced status code.
    case string
    /// Free text, matched with `contains` or `matches`.
    case text
    /// One of a declared list of words.
    case `enum`
}

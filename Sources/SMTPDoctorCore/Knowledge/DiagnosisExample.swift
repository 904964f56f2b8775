/// A real input that must rank its diagnosis first; the knowledge-base tests run every one.
public struct DiagnosisExample: Sendable, Hashable {
    /// The pasted error text, if any.
    public var error: String?
    /// The provider given with the example, if any.
    public var provider: String?
    /// Symptom ids given with the example.
    public var symptoms: [String]
    /// Where it is written.
    public var location: SourceLocation
}

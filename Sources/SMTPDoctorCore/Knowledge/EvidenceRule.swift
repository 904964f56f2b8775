/// One weighted piece of evidence for (or against) a diagnosis.
///
/// ```yaml
/// - if: { reply.enhanced: 5.7.8 }
///   cf: 0.6
/// ```
public struct EvidenceRule: Sendable {
    /// A stable name for explanations, such as `auth.bad-credentials#1` or `provider google-workspace 5.7.8`.
    public var id: String
    /// When it counts.
    public var condition: Condition
    /// How much it counts, in −1…1.
    public var certainty: Double
    /// Whether it comes from the vocabulary (`Rules/vocabulary/`): the terms of one diagnosis overlap (the same
    /// word in several languages, a stem and its phrase), so only the strongest that holds counts.
    public var isVocabulary = false
    /// Where it is written.
    public var location: SourceLocation
}

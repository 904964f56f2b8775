/// A hypothesis about why mail is not delivered, with the evidence that supports or rules it out.
public struct DiagnosisDefinition: Sendable {
    /// The diagnosis id, such as `auth.bad-credentials`.
    public var id: String
    /// Its category id.
    public var category: String
    /// A one-line title.
    public var title: String
    /// One or two sentences a user understands.
    public var summary: String
    /// Weighted evidence, including the provider codes that point at this diagnosis.
    public var evidence: [EvidenceRule]
    /// Ids of the remediations to try, most useful first.
    public var remediationIDs: [String]
    /// How specific the diagnosis is: a fallback stands only when no more specific diagnosis explains the same
    /// observation at least as certainly.
    public var specificity: DiagnosisSpecificity = .specific
    /// Real inputs that must rank this diagnosis first.
    public var examples: [DiagnosisExample]
    /// Where it is written.
    public var location: SourceLocation
    /// How common the cause is relative to the others (`Rules/priors.yaml`; 1 when the file says nothing): the
    /// interview's starting distribution.
    public var prior: Double = 1
}

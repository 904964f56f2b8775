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
    public var evidence: [EvidenceRule] {
        get { evidenceStorage.rules }
        set { evidenceStorage = .decoded(newValue) }
    }
    /// How many pieces of evidence there are, known without decoding them.
    public var evidenceCount: Int { evidenceStorage.count }
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

    /// The evidence as it is held, for the engine to keep beside the diagnoses.
    private(set) var evidenceStorage: EvidenceStorage

    /// The evidence of a diagnosis as it is held: in full, or in a knowledge-base image until it is first read.
    enum EvidenceStorage: Sendable {
        case decoded([EvidenceRule])
        case image(ImageEvidence)

        /// The pieces of evidence, decoded if they were not.
        var rules: [EvidenceRule] {
            switch self {
            case .decoded(let rules): rules
            case .image(let rules): rules.decoded
            }
        }

        /// How many pieces there are.
        var count: Int {
            switch self {
            case .decoded(let rules): rules.count
            case .image(let rules): rules.count
            }
        }
    }

    /// Creates a diagnosis.
    public init(
        id: String, category: String, title: String, summary: String, evidence: [EvidenceRule],
        remediationIDs: [String], specificity: DiagnosisSpecificity = .specific, examples: [DiagnosisExample],
        location: SourceLocation, prior: Double = 1
    ) {
        self.init(
            id: id, category: category, title: title, summary: summary, evidenceStorage: .decoded(evidence),
            remediationIDs: remediationIDs, specificity: specificity, examples: examples, location: location,
            prior: prior)
    }

    /// A diagnosis of a knowledge-base image, whose evidence is decoded when it is first read.
    init(
        id: String, category: String, title: String, summary: String, imageEvidence: ImageEvidence,
        remediationIDs: [String], specificity: DiagnosisSpecificity, examples: [DiagnosisExample],
        location: SourceLocation, prior: Double
    ) {
        self.init(
            id: id, category: category, title: title, summary: summary, evidenceStorage: .image(imageEvidence),
            remediationIDs: remediationIDs, specificity: specificity, examples: examples, location: location,
            prior: prior)
    }

    private init(
        id: String, category: String, title: String, summary: String, evidenceStorage: EvidenceStorage,
        remediationIDs: [String], specificity: DiagnosisSpecificity, examples: [DiagnosisExample],
        location: SourceLocation, prior: Double
    ) {
        self.id = id
        self.category = category
        self.title = title
        self.summary = summary
        self.evidenceStorage = evidenceStorage
        self.remediationIDs = remediationIDs
        self.specificity = specificity
        self.examples = examples
        self.location = location
        self.prior = prior
    }
}

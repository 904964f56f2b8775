/// Everything smtp-doctor knows, validated and compiled for the engine.
///
/// Built by `KnowledgeBase.load(_:)` from one or more `RuleLayer`s; it holds no SMTP knowledge of its own.
public struct KnowledgeBase: Sendable {
    /// Every declared fact, in slot order (a condition refers to a fact by its index here).
    public let facts: [FactDeclaration]
    /// The closed list of categories.
    public let categories: [DiagnosisCategory]
    /// What people observe.
    public let symptoms: [Symptom]
    /// Mail services, by id order of loading.
    public let providers: [ProviderProfile]
    /// Derivation rules, including those made from provider recognition patterns and symptom phrases.
    public let rules: [DerivationRule]
    /// The hypotheses.
    public let diagnoses: [DiagnosisDefinition]
    /// The interview questions, in file order (which the interview does not follow: it chooses by information
    /// gain).
    public let questions: [Question]
    /// The fixes, by id.
    public let remediations: RemediationTable
    /// Basic reply codes by code (`"535"`) and enhanced codes by registry form (`"X.7.8"`).
    public let codes: [String: ReplyCodeEntry]
    /// Enhanced-code classes by digit (`"5"`) and subjects by number (`"7"`).
    public let enhancedClasses: [String: ReplyCodeEntry]
    /// Enhanced-code subjects by number (`"7"`).
    public let enhancedSubjects: [String: ReplyCodeEntry]

    /// The phrases with which bounces name the SMTP command a failure answered, most specific first.
    public let stagePhrases: [StagePhrase]

    /// The words that tell automatic replies and reports of undelivered mail apart when a message's structure does
    /// not.
    public let bounceWording: BounceWording

    /// How much evidence counts by the source of the facts it reads, where the engine weighs sources
    /// (`Rules/fact-sources.yaml`): a source not listed counts fully.
    public let sourceWeights: [FactSource.Kind: Double]

    let factIndex: [String: Int]
    /// Finds every phrase the conditions test for in one pass over a text.
    let phraseMatcher: PhraseMatcher
    /// What working memory must hold for each rule and diagnosis to be able to hold.
    let scopes: ConditionScopes
    /// Holds `wordResemblance` once it is first gathered.
    private let wordResemblanceCache: WordResemblanceCache

    init(
        facts: [FactDeclaration], categories: [DiagnosisCategory], symptoms: [Symptom], providers: [ProviderProfile],
        rules: [DerivationRule], diagnoses: [DiagnosisDefinition], questions: [Question] = [],
        remediations: RemediationTable,
        codes: [String: ReplyCodeEntry], enhancedClasses: [String: ReplyCodeEntry],
        enhancedSubjects: [String: ReplyCodeEntry], phraseMatcher: PhraseMatcher, stagePhrases: [StagePhrase] = [],
        bounceWording: BounceWording = BounceWording(), sourceWeights: [FactSource.Kind: Double] = [:],
        scopes: ConditionScopes? = nil
    ) {
        self.sourceWeights = sourceWeights
        self.stagePhrases = stagePhrases
        self.bounceWording = bounceWording
        self.phraseMatcher = phraseMatcher
        self.wordResemblanceCache = WordResemblanceCache()
        self.facts = facts
        self.categories = categories
        self.symptoms = symptoms
        self.providers = providers
        self.rules = rules
        self.diagnoses = diagnoses
        self.questions = questions
        self.remediations = remediations
        self.codes = codes
        self.enhancedClasses = enhancedClasses
        self.enhancedSubjects = enhancedSubjects
        self.factIndex = Dictionary(uniqueKeysWithValues: facts.enumerated().map { ($1.name, $0) })
        self.scopes = scopes ?? ConditionScopes(rules: rules, diagnoses: diagnoses, factCount: facts.count)
    }

    /// Loads, layers, validates and compiles knowledge-base folders.
    ///
    /// A single layer that carries an image (the built-in knowledge base) is read from it; layers are otherwise
    /// parsed, merged and checked in full.
    ///
    /// - Parameter layers: the default knowledge base first, then the user's folders; later layers replace
    ///   entries with the same id and add new ones.
    /// - Returns: the compiled knowledge base.
    /// - Throws: `InvalidKnowledgeBase` with every problem found, each as `file:line: message`.
    public static func load(_ layers: [RuleLayer]) throws(InvalidKnowledgeBase) -> KnowledgeBase {
        if layers.count == 1, let image = layers[0].image, let knowledgeBase = KnowledgeBase(image: image) {
            return knowledgeBase
        }
        let log = ProblemLog()
        var raw = RawKnowledge()
        for layer in layers { raw.add(layer, log: log) }
        let knowledgeBase = KnowledgeBaseBuilder(raw: raw, log: log).build()
        guard log.isEmpty else { throw InvalidKnowledgeBase(problems: log.sorted) }
        return knowledgeBase
    }

    /// The knowledge base's words one by one, for texts no rule recognises; gathered on first use.
    var wordResemblance: WordResemblance { wordResemblanceCache.resemblance(of: self) }

    /// The declaration of a fact, by name.
    public func fact(named name: String) -> FactDeclaration? {
        factIndex[name].map { facts[$0] }
    }

    /// A diagnosis, by id.
    public func diagnosis(id: String) -> DiagnosisDefinition? {
        diagnoses.first { $0.id == id }
    }

    /// An interview question, by id.
    public func question(id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// A provider, by id.
    public func provider(id: String) -> ProviderProfile? {
        providers.first { $0.id == id }
    }

    /// The registered meaning of a basic code (`535`) or an enhanced code (`5.7.8`), if the registry has it.
    public func meaning(ofCode code: String) -> ReplyCodeEntry? {
        if let basic = codes[code] { return basic }
        let parts = code.split(separator: ".")
        guard parts.count == 3 else { return nil }
        return codes["X.\(parts[1]).\(parts[2])"]
    }
}

import SMTPDoctorCore
import SMTPDoctorDefaultRules

/// The built-in knowledge base and an engine over it, loaded once for all knowledge tests.
enum BuiltInKnowledge {
    static let loaded: Result<KnowledgeBase, InvalidKnowledgeBase> = Result { () throws(InvalidKnowledgeBase) in
        try KnowledgeBase.load([.builtIn])
    }

    static func engine() throws -> InferenceEngine {
        InferenceEngine(knowledgeBase: try loaded.get())
    }

    /// The first diagnosis for an error text, provider, symptoms and facts given directly (name → value as written).
    static func firstDiagnosis(
        error: String?, provider: String?, symptoms: [String], facts: [String: String] = [:]
    ) throws -> RankedDiagnosis? {
        let knowledgeBase = try loaded.get()
        var evidence = Evidence(errors: error.map { [$0] } ?? [], provider: provider, symptoms: symptoms)
        for (name, text) in facts.sorted(by: { $0.key < $1.key }) {
            let value: FactValue
            switch knowledgeBase.fact(named: name)?.type {
            case .int: value = Int(text).map(FactValue.int) ?? .string(text)
            case .bool: value = .bool(["true", "yes"].contains(text.lowercased()))
            default: value = .string(text)
            }
            evidence.context.append(Fact(name, value, source: FactSource(.probe)))
        }
        return try engine().diagnose(evidence).diagnoses.first
    }
}

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

    /// The first diagnosis for an error text, provider and symptoms.
    static func firstDiagnosis(error: String?, provider: String?, symptoms: [String]) throws -> RankedDiagnosis? {
        let evidence = Evidence(errors: error.map { [$0] } ?? [], provider: provider, symptoms: symptoms)
        return try engine().diagnose(evidence).diagnoses.first
    }
}

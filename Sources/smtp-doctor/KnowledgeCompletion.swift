import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorDefaultRules

/// Shell completion of knowledge-base ids: the shell runs the program, which lists the ids of the built-in knowledge
/// base, of the configured rule folders, and of the `--rules` folders already typed on the command line.
enum KnowledgeCompletion {
    /// Which ids to complete.
    enum Kind: Sendable {
        case providers, symptoms, categories, diagnoses, questions
        /// Anything `rules show` describes: diagnoses, remediations, providers, facts and questions.
        case entries
    }

    /// A completion kind that offers the ids of `kind` starting with the word typed so far.
    static func ids(_ kind: Kind) -> CompletionKind {
        .custom { words, _, prefix in
            guard let knowledgeBase = knowledgeBase(words: words) else { return [] }
            return ids(kind, in: knowledgeBase).filter { $0.hasPrefix(prefix) }
        }
    }

    /// Every id of `kind` in the knowledge base, sorted.
    static func ids(_ kind: Kind, in knowledgeBase: KnowledgeBase) -> [String] {
        let ids: [String]
        switch kind {
        case .providers: ids = knowledgeBase.providers.map(\.id)
        case .symptoms: ids = knowledgeBase.symptoms.map(\.id)
        case .categories: ids = knowledgeBase.categories.map(\.id)
        case .diagnoses: ids = knowledgeBase.diagnoses.map(\.id)
        case .questions: ids = knowledgeBase.questions.map(\.id)
        case .entries:
            ids =
                knowledgeBase.diagnoses.map(\.id) + knowledgeBase.remediations.keys
                + knowledgeBase.providers.map(\.id) + knowledgeBase.facts.map(\.name)
                + knowledgeBase.questions.map(\.id)
        }
        return Array(Set(ids)).sorted()
    }

    /// The knowledge base the command line being completed would use; the built-in one when its folders do not load.
    private static func knowledgeBase(words: [String]) -> KnowledgeBase? {
        let typed = zip(words, words.dropFirst()).filter { $0.0 == "--rules" }.map(\.1)
        let folders = typed.isEmpty ? ConfigDefaults.shared.current.rules ?? [] : typed
        let layers = [RuleLayer.builtIn] + folders.compactMap { try? RuleLayer(directory: $0) }
        if let knowledgeBase = try? KnowledgeBase.load(layers) { return knowledgeBase }
        return try? KnowledgeBase.load([RuleLayer.builtIn])
    }
}

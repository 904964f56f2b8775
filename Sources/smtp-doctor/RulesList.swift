import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorReports

extension SMTPDoctor.Rules {
    /// `smtp-doctor rules list`: one line per entry of the knowledge base.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List diagnoses, or other entries of the knowledge base.")

        /// What to list.
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case diagnoses, remediations, providers, symptoms, facts, categories, questions
        }

        @Option(help: "What to list.")
        var kind: Kind = .diagnoses

        @Option(
            help: ArgumentHelp("Only diagnoses of this category.", valueName: "category"),
            completion: KnowledgeCompletion.ids(.categories))
        var category: String?

        @Flag(help: "Print the ids alone, one a line (for scripts and shell completion).")
        var ids = false

        @OptionGroup var knowledge: KnowledgeOptions

        func run() async throws {
            try await reportingFailures {
                let knowledgeBase = try knowledge.load()
                if let category, !knowledgeBase.categories.contains(where: { $0.id == category }) {
                    throw CommandFailure(
                        "unknown category '\(category)'; known: \(knowledgeBase.categories.map(\.id).joined(separator: ", "))",
                        status: .usage)
                }
                try Terminal.write(KnowledgeListRenderer(idsOnly: ids).render(rows(knowledgeBase)))
            }
        }

        /// The id and the description of each entry to list.
        private func rows(_ knowledgeBase: KnowledgeBase) -> [KnowledgeListRenderer.Row] {
            let rows: [(String, String)]
            switch kind {
            case .diagnoses:
                rows = knowledgeBase.diagnoses.filter { category == nil || $0.category == category }
                    .sorted { ($0.category, $0.id) < ($1.category, $1.id) }
                    .map { ($0.id, "\($0.category): \($0.title)") }
            case .remediations:
                rows = knowledgeBase.remediations.values.sorted { $0.id < $1.id }.map { ($0.id, $0.title) }
            case .providers:
                rows = knowledgeBase.providers.map { ($0.id, $0.name) }
            case .symptoms:
                rows = knowledgeBase.symptoms.map { ($0.id, $0.title) }
            case .facts:
                rows = knowledgeBase.facts.map { ($0.name, "\($0.type.rawValue): \($0.doc)") }
            case .categories:
                rows = knowledgeBase.categories.map { ($0.id, $0.meaning) }
            case .questions:
                rows = knowledgeBase.questions.map { ($0.id, $0.text) }
            }
            return rows.map { KnowledgeListRenderer.Row(id: $0.0, description: $0.1) }
        }
    }
}

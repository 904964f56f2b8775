import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorReports

extension SMTPDoctor.Rules {
    /// `smtp-doctor rules show ID`: everything the knowledge base says about one entry.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a diagnosis, remediation, provider, fact, question or code in full.")

        @Argument(
            help: ArgumentHelp(
                "A diagnosis, remediation, provider, fact or question id, or a code such as 535 or 5.7.8.",
                valueName: "id"),
            completion: KnowledgeCompletion.ids(.entries))
        var id: String

        @OptionGroup var knowledge: KnowledgeOptions

        func run() async throws {
            try await reportingFailures {
                let knowledgeBase = try knowledge.load()
                guard let text = KnowledgeEntryRenderer(knowledgeBase: knowledgeBase).render(id) else {
                    throw CommandFailure(
                        "no diagnosis, remediation, provider, fact, question or code is called '\(id)'; see 'smtp-doctor rules list'",
                        status: .usage)
                }
                try Terminal.write(text)
            }
        }
    }
}

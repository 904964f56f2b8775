import ArgumentParser

extension SMTPDoctor {
    /// `smtp-doctor rules`: check and browse the knowledge base.
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "Check and browse the knowledge base.",
            subcommands: [Lint.self, List.self, Show.self])
    }
}

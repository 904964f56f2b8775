import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorDefaultRules

extension SMTPDoctor.Rules {
    /// `smtp-doctor rules lint [DIR]`: reports every problem of a knowledge-base folder as `file:line: message`.
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check a knowledge-base folder; problems are printed as file:line: message.",
            discussion: """
                A folder with its own facts.yaml is a complete knowledge base and is checked alone; any other \
                folder is checked as a layer over the built-in knowledge base, as --rules would use it. \
                Without a folder, the built-in knowledge base is checked.

                Exits with 0 when there is no problem and 65 when there is one.
                """)

        @Argument(help: ArgumentHelp("The folder to check.", valueName: "dir"))
        var folder: String?

        func run() async throws {
            try await reportingFailures {
                var layers: [RuleLayer] = []
                if let folder {
                    let layer: RuleLayer
                    do {
                        layer = try RuleLayer(directory: folder)
                    } catch let problem as RuleProblem {
                        throw CommandFailure(problem.description, status: .unreadableInput)
                    }
                    let complete = layer.files.contains { $0.relativePath == "facts.yaml" }
                    layers = complete ? [layer] : [RuleLayer.builtInUnverified, layer]
                } else {
                    layers = [RuleLayer.builtInUnverified]
                }
                do {
                    let knowledgeBase = try KnowledgeBase.load(layers)
                    try Terminal.write(
                        "ok: \(knowledgeBase.diagnoses.count) diagnoses, \(knowledgeBase.remediations.count) remediations, "
                            + "\(knowledgeBase.rules.count) rules, \(knowledgeBase.facts.count) facts, "
                            + "\(knowledgeBase.providers.count) providers, \(knowledgeBase.codes.count) codes\n")
                } catch let error as InvalidKnowledgeBase {
                    try Terminal.write(error.description + "\n")
                    throw CommandFailure("\(error.problems.count) problem(s) found", status: .invalidRules)
                }
            }
        }
    }
}

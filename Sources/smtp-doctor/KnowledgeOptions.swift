import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorDefaultRules

/// The `--rules` option shared by every command that reasons with the knowledge base.
struct KnowledgeOptions: ParsableArguments {
    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "A folder of extra rules layered over the built-in knowledge base (repeatable); entries with the same id replace built-in ones.",
            valueName: "dir"),
        completion: .directory)
    var folders: [String] = []

    @OptionGroup var config: ConfigOptions

    /// The built-in knowledge base alone, read once and kept for the life of the process: taking its tables apart
    /// when a command ends would cost about as much as reading them.
    private static let builtIn = Result { () throws(InvalidKnowledgeBase) in
        try KnowledgeBase.load([RuleLayer.builtIn])
    }

    /// The built-in knowledge base with the user's folders layered on top.
    func load() throws -> KnowledgeBase {
        let folders = folders.isEmpty ? ConfigDefaults.shared.current.rules ?? [] : folders
        if folders.isEmpty {
            do {
                return try Self.builtIn.get()
            } catch {
                throw CommandFailure(error.description, status: .invalidRules)
            }
        }
        var layers = [RuleLayer.builtIn]
        for folder in folders {
            do {
                layers.append(try RuleLayer(directory: folder))
            } catch let problem as RuleProblem {
                throw CommandFailure(problem.description, status: .unreadableInput)
            }
        }
        do {
            return try KnowledgeBase.load(layers)
        } catch {
            throw CommandFailure(error.description, status: .invalidRules)
        }
    }
}

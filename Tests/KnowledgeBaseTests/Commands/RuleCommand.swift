import SMTPDoctorCore

/// One command of a remediation in the built-in knowledge base, with where it is written.
struct RuleCommand: Sendable, CustomStringConvertible {
    var remediationID: String
    /// The provider whose variant holds the command, if any.
    var providerID: String?
    var location: SourceLocation
    var label: String
    var shell: String
    var run: String

    var description: String {
        "\(location.file):\(location.line) \(remediationID)\(providerID.map { " [\($0)]" } ?? "") «\(label)»"
    }

    /// Every command of every remediation, general ones first, in a stable order.
    static let all: [RuleCommand] = {
        guard let knowledgeBase = try? BuiltInKnowledge.loaded.get() else { return [] }
        return knowledgeBase.remediations.values.sorted { $0.id < $1.id }.flatMap { remediation in
            let general = remediation.commands.map { RuleCommand(remediation, nil, $0) }
            let variants = remediation.providerSteps.sorted { $0.key < $1.key }.flatMap { provider, variant in
                variant.commands.map { RuleCommand(remediation, provider, $0) }
            }
            return general + variants
        }
    }()

    static func written(in shell: String) -> [RuleCommand] { all.filter { $0.shell == shell } }

    private init(_ remediation: Remediation, _ provider: String?, _ command: RemediationCommand) {
        self.init(
            remediationID: remediation.id, providerID: provider, location: remediation.location, label: command.label,
            shell: command.shell, run: command.run)
    }

    init(
        remediationID: String, providerID: String? = nil, location: SourceLocation, label: String, shell: String,
        run: String
    ) {
        self.remediationID = remediationID
        self.providerID = providerID
        self.location = location
        self.label = label
        self.shell = shell
        self.run = run
    }
}

import SMTPDoctorCore

/// The commands that go with a checklist: each remediation's commands — the recognised provider's first — with
/// their placeholders filled from what is known, shown once, after the last shown step of their remediation.
public struct ChecklistCommands: Sendable {
    /// The provider whose specific commands come first, if one is known.
    public var providerID: String?
    /// Fills the placeholders.
    public var placeholders: CommandPlaceholders

    /// Creates the commands for a provider and a set of values.
    public init(providerID: String?, values: CommandValues) {
        self.providerID = providerID
        self.placeholders = CommandPlaceholders(values: values)
    }

    /// The commands for a result: its provider, and the values given on the command line with the gaps filled from
    /// the result's facts.
    public init(result: DiagnosisResult, given: CommandValues = CommandValues()) {
        self.init(providerID: result.provider?.id, values: given.filling(gapsFrom: CommandValues(facts: result.facts)))
    }

    /// The commands of one remediation: the provider's own first, then the general ones, filled.
    public func commands(for remediation: Remediation) -> [RemediationCommand] {
        let specific = providerID.flatMap { remediation.providerSteps[$0]?.commands } ?? []
        return (specific + remediation.commands).map(placeholders.fill)
    }

    /// For each of `steps`, the commands to show after it: those of its remediation after the last of its steps in
    /// the list, nothing after the others.
    ///
    /// - Parameters:
    ///   - steps: the checklist steps shown, in order (all of them, or the first few).
    ///   - remediations: the remediations the steps belong to, such as those of the ranked diagnoses.
    public func commandsAfter(_ steps: [ChecklistItem], remediations: [Remediation]) -> [[RemediationCommand]] {
        let byID = Dictionary(remediations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lastIndex: [String: Int] = [:]
        for (index, step) in steps.enumerated() { lastIndex[step.remediationID] = index }
        return steps.enumerated().map { index, step in
            guard lastIndex[step.remediationID] == index, let remediation = byID[step.remediationID] else { return [] }
            return commands(for: remediation)
        }
    }
}

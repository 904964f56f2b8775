import Foundation
import SMTPDoctorCore

/// Renders one knowledge-base entry in full, as plain text, for `smtp-doctor rules show`.
///
/// An id may name a diagnosis, a remediation, a provider, a fact (with the question that asks for it, if any), a
/// question or a code (`535`, `5.7.8`); the first kind that has it wins, in that order.
public struct KnowledgeEntryRenderer: Sendable {
    /// The knowledge base the entries come from.
    public let knowledgeBase: KnowledgeBase

    /// Creates a renderer for the entries of `knowledgeBase`.
    public init(knowledgeBase: KnowledgeBase) {
        self.knowledgeBase = knowledgeBase
    }

    /// The entry called `id`, described in full, or nil when no entry has that id.
    public func render(_ id: String) -> String? {
        if let diagnosis = knowledgeBase.diagnosis(id: id) { return describe(diagnosis) }
        if let remediation = knowledgeBase.remediations[id] { return describe(remediation) }
        if let provider = knowledgeBase.provider(id: id) { return describe(provider) }
        let question = knowledgeBase.questions.first { $0.id == id }.map(describe)
        if let fact = knowledgeBase.fact(named: id) {
            let values = fact.values.isEmpty ? "" : "values: \(fact.values.joined(separator: ", "))\n"
            let text = "fact \(fact.name) (\(fact.type.rawValue))\n\(fact.doc)\n\(values)defined at \(fact.location)\n"
            return text + (question.map { "\n" + $0 } ?? "")
        }
        if let question { return question }
        if let code = knowledgeBase.meaning(ofCode: id) {
            return "\(code.code): \(code.title)\n\(code.meaning)\n"
                + (code.reference.map { "reference: \($0)\n" } ?? "")
        }
        return nil
    }

    private func describe(_ diagnosis: DiagnosisDefinition) -> String {
        var lines = [
            "\(diagnosis.id)  [\(diagnosis.category)]", diagnosis.title, "", diagnosis.summary, "", "Evidence:",
        ]
        for evidence in diagnosis.evidence {
            lines.append("  \(signedWeight(evidence.certainty))  \(evidence.id)  (\(evidence.location))")
        }
        lines.append("")
        lines.append("Remediation: \(diagnosis.remediationIDs.joined(separator: ", "))")
        if !diagnosis.examples.isEmpty {
            lines.append("")
            lines.append("Examples:")
            for example in diagnosis.examples {
                let parts =
                    [example.error, example.provider.map { "provider \($0)" }]
                    + example.symptoms.map { "symptom \($0)" }
                lines.append("  - " + parts.compactMap { $0 }.joined(separator: "; "))
            }
        }
        lines.append("")
        lines.append("Defined at \(diagnosis.location)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ remediation: Remediation) -> String {
        var lines = ["\(remediation.id)  (effort \(remediation.effort) of 5)", remediation.title, ""]
        lines += remediation.steps.enumerated().map { "  \($0 + 1). \($1)" }
        for command in remediation.commands { lines.append("  \(command.shell)> \(command.run)") }
        for (provider, variant) in remediation.providerSteps.sorted(by: { $0.key < $1.key }) {
            lines.append("")
            lines.append("For \(provider):")
            lines += variant.steps.map { "  - \($0)" }
            for command in variant.commands { lines.append("  \(command.shell)> \(command.run)") }
        }
        lines.append("")
        lines.append("Defined at \(remediation.location)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ provider: ProviderProfile) -> String {
        var lines = ["\(provider.id)  \(provider.name)", provider.doc, "", "Settings:"]
        for setting in provider.settings {
            let port = setting.port.map { ":\($0)" } ?? ""
            let auth = setting.auth.isEmpty ? "" : ", auth \(setting.auth.joined(separator: "/"))"
            lines.append("  \(setting.purpose): \(setting.host)\(port), TLS \(setting.tls ?? "?")\(auth)")
            if let notes = setting.notes { lines.append("    \(notes)") }
        }
        if !provider.limits.isEmpty {
            lines.append("Limits:")
            for limit in provider.limits {
                lines.append("  \(limit.name): \(limit.value)" + (limit.recommended.map { " (configure \($0))" } ?? ""))
            }
        }
        if !provider.codes.isEmpty {
            lines.append("Codes:")
            for code in provider.codes {
                lines.append(
                    "  \(code.reply.map { "\($0) " } ?? "")\(code.code)  \(code.meaning)  → \(code.diagnosisID)")
            }
        }
        lines.append("")
        lines.append("Defined at \(provider.location)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An interview question: its text, kind, cost and answers (the ids an answers file may use).
    private func describe(_ question: Question) -> String {
        var lines = ["question \(question.id) (\(question.kind.rawValue), cost \(question.cost))", question.text]
        if let help = question.help { lines.append(help) }
        if !question.answers.isEmpty {
            lines.append("Answers:")
            lines += question.answers.map { "  \($0.id): \($0.label)" }
        }
        lines.append("")
        lines.append("Defined at \(question.location)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func signedWeight(_ value: Double) -> String {
        (value < 0 ? "" : "+") + String(format: "%.2f", value)
    }
}

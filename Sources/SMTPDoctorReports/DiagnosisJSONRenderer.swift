import Foundation
import SMTPDoctorCore
import SMTPDoctorDNS

/// Renders a diagnosis as the machine-readable object of the JSON contract (schema version 1).
///
/// Field names are a contract: scripts depend on them. New fields may be added; none is renamed or removed.
public struct DiagnosisJSONRenderer: Sendable {
    /// The tool's name and version for the `tool` object.
    public var toolVersion: String
    /// Values given on the command line for the commands' placeholders; the facts fill the gaps.
    public var commandValues: CommandValues

    /// Creates a renderer.
    public init(toolVersion: String, commandValues: CommandValues = CommandValues()) {
        self.toolVersion = toolVersion
        self.commandValues = commandValues
    }

    /// The JSON text, pretty-printed with sorted keys, ending in a newline.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded (a non-finite number).
    /// - Parameters:
    ///   - result: what the engine concluded.
    ///   - knowledgeBase: for the size of the knowledge base.
    ///   - interview: the questions and answers of an interview, added as the `interview` object.
    ///   - domainCheck: the domain's DNS checks, added as `domain`, `ip` and `findings`.
    public func render(
        _ result: DiagnosisResult, knowledgeBase: KnowledgeBase, interview: InterviewSummary? = nil,
        domainCheck: DomainCheckReport? = nil
    ) throws(RenderError) -> String {
        let document = self.document(
            result, knowledgeBase: knowledgeBase, interview: interview, domainCheck: domainCheck)
        return UntrustedText.json(try RenderError.json(document, naming: "the diagnosis")) + "\n"
    }

    /// The object ``render(_:knowledgeBase:interview:domainCheck:)`` writes, for documents that nest it.
    func document(
        _ result: DiagnosisResult, knowledgeBase: KnowledgeBase, interview: InterviewSummary? = nil,
        domainCheck: DomainCheckReport? = nil
    ) -> DiagnosisDocument {
        var document = DiagnosisDocument(
            result: result, knowledgeBase: knowledgeBase, version: toolVersion,
            commands: ChecklistCommands(result: result, given: commandValues))
        document.interview = interview.map(InterviewEntry.init)
        if let domainCheck {
            let entry = DomainCheckEntry(domainCheck)
            document.domain = entry.domain
            document.ip = entry.ip
            document.findings = entry.findings
        }
        return document
    }
}

// MARK: - The document

/// The object of the diagnosis contract.
struct DiagnosisDocument: Encodable {
    let schemaVersion = 1
    fileprivate let tool: Tool
    let facts: [FactEntry]
    fileprivate let codes: [CodeEntry]
    let diagnoses: [DiagnosisEntry]
    fileprivate let checklist: [ChecklistEntry]
    fileprivate var interview: InterviewEntry?
    var domain: String?
    var ip: String?
    var findings: [DomainCheckEntry.Finding]?

    init(result: DiagnosisResult, knowledgeBase: KnowledgeBase, version: String, commands: ChecklistCommands) {
        tool = Tool(
            name: "smtp-doctor", version: version,
            knowledgeBase: .init(diagnoses: knowledgeBase.diagnoses.count, rules: knowledgeBase.rules.count))
        facts = result.facts.map { FactEntry(name: $0.name, value: JSONValue($0.value), source: $0.source.identifier) }
        codes = ShownCodeMeaning.all(in: result).map {
            CodeEntry(code: $0.code, title: $0.title, meaning: $0.meaning, provider: $0.providerID)
        }
        diagnoses = result.diagnoses.map { DiagnosisEntry($0, commands: commands) }
        checklist = result.checklist.map {
            ChecklistEntry(step: $0.step, remediation: $0.remediationID, for: $0.diagnosisIDs, provider: $0.provider)
        }
    }
}

/// The `interview` object: what was asked, in order, and why the interview ended.
private struct InterviewEntry: Encodable {
    struct Asked: Encodable {
        let question: String
        let text: String
        let answer: String
    }
    let asked: [Asked]
    let questions: Int
    let ending: String

    init(_ summary: InterviewSummary) {
        asked = summary.entries.map { Asked(question: $0.question, text: $0.text, answer: $0.answer) }
        questions = summary.entries.count
        ending = summary.ending.rawValue
    }
}

private struct Tool: Encodable {
    struct KnowledgeBaseSize: Encodable {
        let diagnoses: Int
        let rules: Int
    }
    let name: String
    let version: String
    let knowledgeBase: KnowledgeBaseSize
}

struct FactEntry: Encodable {
    let name: String
    let value: JSONValue
    let source: String
}

/// A code and its meaning; `provider` names the provider whose own meaning replaces the registry's.
private struct CodeEntry: Encodable {
    let code: String
    let title: String
    let meaning: String
    let provider: String?
}

struct DiagnosisEntry: Encodable {
    struct Evidence: Encodable {
        let rule: String
        let because: String
        let cf: Double
    }
    /// A remediation: `steps` are the general steps; `providerSteps` those for the recognised provider, done first
    /// (absent without one); `commands` the provider's commands first, then the general ones, placeholders filled.
    struct RemediationEntry: Encodable {
        let id: String
        let title: String
        let effort: Int
        let steps: [String]
        let providerSteps: [String]?
        let commands: [Command]
    }
    struct Command: Encodable {
        let label: String
        let shell: String
        let run: String
    }
    let id: String
    let category: String
    let title: String
    let summary: String
    let confidence: Double
    let evidence: [Evidence]
    let remediation: [RemediationEntry]

    init(_ diagnosis: RankedDiagnosis, commands: ChecklistCommands) {
        id = diagnosis.definition.id
        category = diagnosis.definition.category
        title = diagnosis.definition.title
        summary = diagnosis.definition.summary
        confidence = (diagnosis.confidence * 1000).rounded() / 1000
        evidence = diagnosis.evidence.map { Evidence(rule: $0.ruleID, because: $0.reason, cf: $0.certainty) }
        remediation = diagnosis.remediations.map { remediation in
            RemediationEntry(
                id: remediation.id, title: remediation.title, effort: remediation.effort, steps: remediation.steps,
                providerSteps: commands.providerID.flatMap { remediation.providerSteps[$0]?.steps },
                commands: commands.commands(for: remediation).map {
                    Command(label: $0.label, shell: $0.shell, run: $0.run)
                })
        }
    }
}

private struct ChecklistEntry: Encodable {
    let step: String
    let remediation: String
    let `for`: [String]
    let provider: String?
}

/// A fact value as its natural JSON type.
struct JSONValue: Encodable {
    let value: FactValue
    init(_ value: FactValue) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .int(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .bool(let flag): try container.encode(flag)
        }
    }
}

import SMTPDoctorCore

/// Renders a ``SupportReport`` as one JSON object: `environment`, `inputs`, `diagnosis` (the `diagnose` contract),
/// `probes` (the entries of the `probe` contract, when a server was probed) and `domainCheck` (with `--domain`).
///
/// Field names are a contract: scripts depend on them. New fields may be added; none is renamed or removed.
public struct SupportReportJSONRenderer: Sendable {
    /// For the size of the knowledge base in the diagnosis's `tool` object.
    public var knowledgeBase: KnowledgeBase

    /// Creates a renderer that names `knowledgeBase` in the diagnosis.
    public init(knowledgeBase: KnowledgeBase) {
        self.knowledgeBase = knowledgeBase
    }

    /// The JSON text, pretty-printed with sorted keys, ending in a newline.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded (a non-finite number).
    public func render(_ report: SupportReport) throws(RenderError) -> String {
        let document = SupportReportDocument(report, knowledgeBase: knowledgeBase)
        return UntrustedText.json(try RenderError.json(document, naming: "the support report")) + "\n"
    }
}

/// The object ``SupportReportJSONRenderer`` writes.
private struct SupportReportDocument: Encodable {
    /// The `inputs` object; `provider` is `null` when none was named.
    struct Inputs: Encodable {
        let errors: [String]
        let symptoms: [String]
        let provider: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(errors, forKey: .errors)
            try container.encode(symptoms, forKey: .symptoms)
            try container.encode(provider, forKey: .provider)
        }

        private enum CodingKeys: String, CodingKey {
            case errors, symptoms, provider
        }
    }

    let schemaVersion = 1
    let environment: [String: String]
    let inputs: Inputs
    let diagnosis: DiagnosisDocument
    let probes: [ProbeEntry]?
    let domainCheck: DomainCheckEntry?

    init(_ report: SupportReport, knowledgeBase: KnowledgeBase) {
        environment = Dictionary(uniqueKeysWithValues: report.environmentRows.map { ($0.key, $0.value) })
        inputs = Inputs(errors: report.errors, symptoms: report.symptoms, provider: report.provider)
        diagnosis = DiagnosisJSONRenderer(
            toolVersion: report.environment.toolVersion, commandValues: report.checklistCommands.placeholders.values
        ).document(report.result, knowledgeBase: knowledgeBase)
        probes = report.probes.isEmpty ? nil : report.probes.map(ProbeEntry.init)
        domainCheck = report.domainCheck.map(DomainCheckEntry.init)
    }
}

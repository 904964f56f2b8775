import SMTPDoctorCore
import SMTPDoctorDNS

/// What `check-domain` found: the findings of the DNS checks and the causes they point to.
public struct DomainCheckResultReport: RenderableReport {
    /// The findings.
    public var findings: DomainCheckReport
    /// The causes ranked from them.
    public var result: DiagnosisResult
    /// For the lists suggested when nothing was recognised.
    public var knowledgeBase: KnowledgeBase
    /// The tool and the knowledge base, for the JSON and the documents.
    public var environment: SupportReport.Environment

    /// Creates the report of a domain check.
    public init(
        findings: DomainCheckReport, result: DiagnosisResult, knowledgeBase: KnowledgeBase,
        environment: SupportReport.Environment
    ) {
        self.findings = findings
        self.result = result
        self.knowledgeBase = knowledgeBase
        self.environment = environment
    }

    private var rendering: DomainCheckRenderer { DomainCheckRenderer(toolVersion: environment.toolVersion) }

    public func text(_ settings: TextSettings) -> String {
        rendering.findingsText(findings)
            + DiagnosisTextRenderer(style: settings.style, maximumSteps: settings.maximumSteps, brief: settings.brief)
            .render(
                result, knowledgeBase: knowledgeBase)
    }

    public func json() throws(RenderError) -> String {
        try rendering.json(findings, result: result, knowledgeBase: knowledgeBase)
    }

    public func document(_ templates: TemplateLibrary, as kind: DocumentKind) throws(RenderError) -> String {
        try rendering.document(findings, result: result, environment: environment, templates: templates, as: kind)
    }
}

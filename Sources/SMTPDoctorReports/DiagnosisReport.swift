import SMTPDoctorCore
import SMTPDoctorProbes

/// What `diagnose` and `interview` found: the ranked causes and their checklist, with the probe, the domain's DNS
/// findings or the interview's questions and answers that led to them.
public struct DiagnosisReport: RenderableReport {
    /// The support document the same evidence makes, for the Markdown and HTML formats.
    public var document: SupportReport
    /// For the lists of providers and symptoms suggested when nothing was recognised.
    public var knowledgeBase: KnowledgeBase
    /// The questions and answers of an interview, shown first.
    public var interview: InterviewSummary?
    /// Show the causes set aside and every derived fact too.
    public var explain = false

    /// Creates the report of a diagnosis.
    public init(document: SupportReport, knowledgeBase: KnowledgeBase, interview: InterviewSummary? = nil) {
        self.document = document
        self.knowledgeBase = knowledgeBase
        self.interview = interview
    }

    private var result: DiagnosisResult { document.result }

    public func text(_ settings: TextSettings) -> String {
        let probeLine = document.probes.first.map {
            "Probe of \($0.report.host):\($0.report.port): \($0.verdict.title). \($0.reason)\n\n"
        }
        let findings = document.domainCheck.map {
            DomainCheckRenderer(toolVersion: document.environment.toolVersion).findingsText($0) + "\n"
        }
        let body = DiagnosisTextRenderer(
            explain: explain, style: settings.style, maximumSteps: settings.maximumSteps, brief: settings.brief,
            commandValues: document.commandValues
        ).render(result, knowledgeBase: knowledgeBase, interview: interview)
        return (probeLine ?? "") + (findings ?? "") + body
    }

    public func json() throws(RenderError) -> String {
        try DiagnosisJSONRenderer(toolVersion: document.environment.toolVersion, commandValues: document.commandValues)
            .render(result, knowledgeBase: knowledgeBase, interview: interview, domainCheck: document.domainCheck)
    }

    public func document(_ templates: TemplateLibrary, as kind: DocumentKind) throws(RenderError) -> String {
        try SupportReportRenderer(templates: templates).render(document, as: kind)
    }
}

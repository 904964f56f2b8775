import SMTPDoctorCore

/// What `report` writes: the support document, with the knowledge base its evidence was reasoned with.
public struct SupportTicketReport: RenderableReport {
    /// The document.
    public var document: SupportReport
    /// For the lists of providers and symptoms suggested when nothing was recognised.
    public var knowledgeBase: KnowledgeBase

    /// Creates the report of a support ticket.
    public init(document: SupportReport, knowledgeBase: KnowledgeBase) {
        self.document = document
        self.knowledgeBase = knowledgeBase
    }

    public func text(_ settings: TextSettings) -> String {
        SupportReportTextRenderer(knowledgeBase: knowledgeBase, settings: settings).render(document)
    }

    public func json() throws(RenderError) -> String {
        try SupportReportJSONRenderer(knowledgeBase: knowledgeBase).render(document)
    }

    public func document(_ templates: TemplateLibrary, as kind: DocumentKind) throws(RenderError) -> String {
        try SupportReportRenderer(templates: templates).render(document, as: kind)
    }
}

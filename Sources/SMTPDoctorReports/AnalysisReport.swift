import SMTPDoctorCore

/// What `analyze` found in logs and bounces: the failures grouped by diagnosis, with the checklist of each group.
public struct AnalysisReport: RenderableReport {
    /// The analysis, with the environment and the number of groups to list, as the documents show it.
    public var document: AnalysisDocument
    /// The knowledge base the failures were diagnosed with, which the JSON names.
    public var knowledgeBase: KnowledgeBase

    /// Creates the report of an analysis.
    public init(document: AnalysisDocument, knowledgeBase: KnowledgeBase) {
        self.document = document
        self.knowledgeBase = knowledgeBase
    }

    public func text(_ settings: TextSettings) -> String {
        AnalysisTextRenderer(style: settings.style, top: document.top).render(document.analysis)
    }

    public func json() throws(RenderError) -> String {
        try AnalysisJSONRenderer(toolVersion: document.environment.toolVersion, top: document.top).render(
            document.analysis, knowledgeBase: knowledgeBase)
    }

    public func document(_ templates: TemplateLibrary, as kind: DocumentKind) throws(RenderError) -> String {
        try AnalysisDocumentRenderer(templates: templates).render(document, as: kind)
    }
}

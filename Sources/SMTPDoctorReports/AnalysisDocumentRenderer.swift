/// Renders an ``AnalysisDocument`` as Markdown or HTML through the `analysis` templates.
public struct AnalysisDocumentRenderer: Sendable {
    /// The templates, built-in or replaced from a folder.
    public var templates: TemplateLibrary

    /// Creates a renderer that uses `templates`.
    public init(templates: TemplateLibrary) {
        self.templates = templates
    }

    /// The document.
    ///
    /// - Throws: ``RenderError`` when the template is missing.
    public func render(_ document: AnalysisDocument, as kind: DocumentKind) throws(RenderError) -> String {
        try templates.render(document.templateContext, .analysis, as: kind)
    }
}

/// Renders a ``SupportReport`` as Markdown or HTML through the `report` templates.
public struct SupportReportRenderer: Sendable {
    /// The templates, built-in or replaced from a folder.
    public var templates: TemplateLibrary

    /// Creates a renderer that uses `templates`.
    public init(templates: TemplateLibrary) {
        self.templates = templates
    }

    /// The document.
    ///
    /// - Throws: ``RenderError`` when the template is missing.
    public func render(_ report: SupportReport, as kind: DocumentKind) throws(RenderError) -> String {
        try templates.render(report.templateContext, .report, as: kind)
    }
}

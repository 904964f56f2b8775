/// What a command found, as a value that renders itself in every output format.
///
/// Commands build one of these and hand it to their output options, which choose the format, render and write; no
/// command chooses among formats itself.
public protocol RenderableReport: Sendable {
    /// The text for a terminal.
    func text(_ settings: TextSettings) throws(RenderError) -> String
    /// The machine-readable contract.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded.
    func json() throws(RenderError) -> String
    /// The Markdown or HTML document, rendered through its own templates in `templates`.
    ///
    /// - Throws: ``RenderError`` when a template is missing.
    func document(_ templates: TemplateLibrary, as kind: DocumentKind) throws(RenderError) -> String
}

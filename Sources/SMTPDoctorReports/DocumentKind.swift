/// The two formats of the documents rendered through templates: Markdown for a ticket, HTML to attach or print.
public enum DocumentKind: String, Sendable, CaseIterable {
    case markdown = "md"
    case html

    /// The name of `template` in this format, without `.mustache`: `report.md`, `analysis.html`.
    func name(of template: DocumentTemplate) -> String {
        "\(template.rawValue).\(rawValue)"
    }
}

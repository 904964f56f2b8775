/// The documents that have templates: each is a pair of `NAME.md.mustache` and `NAME.html.mustache` in
/// `Templates/`, which a template folder may replace.
public enum DocumentTemplate: String, Sendable, CaseIterable {
    /// The support document of `report`, `diagnose`, `interview` and `probe`.
    case report
    /// The document of `analyze`.
    case analysis
    /// The document of `check-domain`.
    case domainCheck = "domain-check"

    /// The file names of its templates, HTML first: `report.html.mustache`, `report.md.mustache`.
    public var fileNames: [String] {
        [DocumentKind.html, .markdown].map { "\($0.name(of: self)).mustache" }
    }
}

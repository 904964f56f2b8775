import Mustache
import SMTPDoctorCore

extension SupportReportRenderer.Kind {
    /// The template of the same format for the document of `check-domain`.
    var domainCheck: String { self == .html ? "domain-check.html" : "domain-check.md" }
}

extension SupportReportRenderer {
    /// The document of `check-domain` from its template context, in the format of `kind`.
    ///
    /// - Throws: ``RenderError`` when the template is missing.
    func renderDomainCheck(_ context: [String: Any], as kind: Kind) throws(RenderError) -> String {
        try render(context, template: kind.domainCheck)
    }
}

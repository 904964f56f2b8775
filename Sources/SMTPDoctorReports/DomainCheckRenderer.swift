import Foundation
import SMTPDoctorCore
import SMTPDoctorDNS

/// Renders what `check-domain` found: the findings of the DNS checks and the diagnosis they lead to.
public struct DomainCheckRenderer: Sendable {
    /// The tool's version for the JSON `tool` object.
    public var toolVersion: String

    /// Creates a renderer.
    public init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    /// The findings as text, one line per finding with its records indented below, then the diagnosis text.
    public func text(
        _ report: DomainCheckReport, result: DiagnosisResult, knowledgeBase: KnowledgeBase, style: TextStyle
    )
        -> String
    {
        findingsText(report)
            + DiagnosisTextRenderer(explain: false, style: style).render(result, knowledgeBase: knowledgeBase)
    }

    /// The findings alone as text: a heading line, one line per finding with its records indented below, and the
    /// number of queries; what `diagnose --domain` prints before its diagnosis.
    public func findingsText(_ report: DomainCheckReport) -> String {
        var lines = ["DNS checks of \(report.domain)" + (report.ip.map { " (sending address \($0))" } ?? ""), ""]
        for finding in report.findings {
            lines.append(
                "  \(finding.status.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)) \(finding.check): \(finding.detail)"
            )
            for record in finding.records.prefix(12) { lines.append("           \(record)") }
        }
        lines.append("")
        lines.append("\(report.queries) DNS queries.")
        lines.append("")
        return UntrustedText.visible(lines.joined(separator: "\n") + "\n")
    }

    /// The document of `check-domain --format markdown|html`: `Templates/domain-check.md|html.mustache`.
    ///
    /// - Throws: ``RenderError`` when the template is missing.
    public func document(
        _ report: DomainCheckReport, result: DiagnosisResult, environment: SupportReport.Environment,
        templates: TemplateLibrary, as kind: DocumentKind
    ) throws(RenderError) -> String {
        var context = SupportReport(environment: environment, result: result, domainCheck: report).templateContext
        context["title"] = "smtp-doctor check-domain: \(report.domain)"
        context["summary"] = Self.summary(report, result: result)
        return try templates.render(context, .domainCheck, as: kind)
    }

    /// One paragraph: how many findings are problems, and the most likely cause.
    static func summary(_ report: DomainCheckReport, result: DiagnosisResult) -> String {
        let problems = report.findings.filter { $0.status == .problem || $0.status == .error }.count
        let warnings = report.findings.filter { $0.status == .warning }.count
        var sentence =
            "\(report.findings.count) findings for \(report.domain): \(problems) problem(s), \(warnings) warning(s)."
        if let first = result.diagnoses.first {
            let percent = Int((first.confidence * 100).rounded())
            sentence += " Most likely cause (\(percent)% confidence): \(first.definition.title)."
        } else {
            sentence += " No cause of failing mail was found in the domain's DNS."
        }
        return sentence
    }

    /// The JSON contract of `diagnose` with `domain`, `ip` and a `findings` list added: check, status, detail,
    /// records.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded (a non-finite number).
    public func json(_ report: DomainCheckReport, result: DiagnosisResult, knowledgeBase: KnowledgeBase)
        throws(RenderError) -> String
    {
        try DiagnosisJSONRenderer(toolVersion: toolVersion).render(
            result, knowledgeBase: knowledgeBase, domainCheck: report)
    }
}

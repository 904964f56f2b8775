import Foundation
import SMTPDoctorCore
import SMTPDoctorDNS

/// Renders what `check-domain` found: the findings of the DNS checks and the diagnosis they lead to.
public struct DomainCheckRendering: Sendable {
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
        return lines.joined(separator: "\n") + "\n"
            + TextReport(explain: false, style: style).render(result, knowledgeBase: knowledgeBase)
    }

    /// The JSON contract of `diagnose` with `domain` and a `findings` list added: check, status, detail, records.
    public func json(_ report: DomainCheckReport, result: DiagnosisResult, knowledgeBase: KnowledgeBase) -> String {
        let base = JSONReport(toolVersion: toolVersion).render(result, knowledgeBase: knowledgeBase)
        guard var object = (try? JSONSerialization.jsonObject(with: Data(base.utf8))) as? [String: Any] else {
            return base
        }
        object["domain"] = report.domain
        if let ip = report.ip { object["ip"] = ip }
        object["findings"] = report.findings.map {
            ["check": $0.check, "status": $0.status.rawValue, "detail": $0.detail, "records": $0.records]
                as [String: Any]
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return base }
        return text + "\n"
    }
}

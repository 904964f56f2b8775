import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes

extension SupportReport {
    /// The report for a terminal: the probe, the diagnosis as `diagnose` prints it, and the environment.
    public func text(knowledgeBase: KnowledgeBase, style: TextStyle = TextStyle(colour: false)) -> String {
        var out = ""
        if !probes.isEmpty { out += ProbeRenderer.text(probes) + "\n" }
        if let domainCheck {
            out += DomainCheckRendering(toolVersion: environment.toolVersion).findingsText(domainCheck)
        }
        out += TextReport(style: style, commandValues: checklistCommands.placeholders.values).render(
            result, knowledgeBase: knowledgeBase)
        out += "\nFor the support ticket:\n"
        for (key, value) in environmentRows {
            let label = Self.labels[key] ?? key
            out += "  \(label.padding(toLength: 17, withPad: " ", startingAt: 0)) \(value)\n"
        }
        return UntrustedText.terminal(out, keepingColours: style.colour)
    }

    /// The report as one JSON object: `environment`, `inputs`, `diagnosis` (the `diagnose` contract) and `probe`
    /// (the `probe` contract, when a server was probed).
    public func json(knowledgeBase: KnowledgeBase) -> String {
        var object: [String: Any] = [
            "schemaVersion": 1,
            "environment": Dictionary(uniqueKeysWithValues: environmentRows.map { ($0.key, $0.value) }),
            "inputs": ["errors": errors, "symptoms": symptoms, "provider": provider ?? NSNull()] as [String: Any],
        ]
        let diagnosis = JSONReport(
            toolVersion: environment.toolVersion, commandValues: checklistCommands.placeholders.values
        ).render(result, knowledgeBase: knowledgeBase)
        object["diagnosis"] = (try? JSONSerialization.jsonObject(with: Data(diagnosis.utf8))) ?? NSNull()
        if !probes.isEmpty {
            let probe = try? ProbeJSONReport(toolVersion: environment.toolVersion).render(probes, exitCode: 0)
            let decoded = probe.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]
            object["probes"] = decoded?["probes"] ?? NSNull()
        }
        if let domainCheck {
            let findings = DomainCheckRendering(toolVersion: environment.toolVersion).adding(domainCheck, to: "{}")
            object["domainCheck"] = (try? JSONSerialization.jsonObject(with: Data(findings.utf8))) ?? NSNull()
        }
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else { return "{}\n" }
        return UntrustedText.json(String(decoding: data, as: UTF8.self)) + "\n"
    }

    private static let labels = [
        "generatedAt": "Generated", "tool": "Tool", "knowledgeBase": "Knowledge base",
        "operatingSystem": "Operating system", "timeZone": "Time zone", "server": "Server", "port": "Port",
        "tlsMode": "TLS mode", "authentication": "Authentication",
    ]

    /// What the ticket needs to say about the environment, in order; keys are also the JSON names.
    var environmentRows: [(key: String, value: String)] {
        var rows: [(key: String, value: String)] = [
            ("generatedAt", Self.timestamp(environment.generatedAt)),
            ("tool", "smtp-doctor \(environment.toolVersion)"),
            ("knowledgeBase", environment.knowledgeBase),
            ("operatingSystem", environment.operatingSystem),
            ("timeZone", environment.timeZone),
        ]
        if let connection {
            rows += [
                ("server", connection.host), ("port", connection.port), ("tlsMode", connection.tlsMode),
                ("authentication", connection.authentication),
            ]
        }
        return rows
    }
}

import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes

extension SupportReport {
    /// The report for a terminal: the probe, the diagnosis as `diagnose` prints it, and the environment.
    public func text(knowledgeBase: KnowledgeBase, settings: TextSettings = TextSettings()) -> String {
        let style = settings.style
        var out = ""
        if !probes.isEmpty { out += ProbeTextRenderer().render(probes) + "\n" }
        if let domainCheck {
            out += DomainCheckRenderer(toolVersion: environment.toolVersion).findingsText(domainCheck)
        }
        out += DiagnosisTextRenderer(
            style: style, maximumSteps: settings.maximumSteps, brief: settings.brief,
            commandValues: checklistCommands.placeholders.values
        ).render(result, knowledgeBase: knowledgeBase)
        out += "\nFor the support ticket:\n"
        for (key, value) in environmentRows {
            let label = Self.labels[key] ?? key
            out += "  \(label.padding(toLength: 17, withPad: " ", startingAt: 0)) \(value)\n"
        }
        return UntrustedText.terminal(out, keepingColours: style.colour)
    }

    /// The report as one JSON object: `environment`, `inputs`, `diagnosis` (the `diagnose` contract) and `probe`
    /// (the `probe` contract, when a server was probed).
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded (a non-finite number).
    public func json(knowledgeBase: KnowledgeBase) throws(RenderError) -> String {
        var object: [String: Any] = [
            "schemaVersion": 1,
            "environment": Dictionary(uniqueKeysWithValues: environmentRows.map { ($0.key, $0.value) }),
            "inputs": ["errors": errors, "symptoms": symptoms, "provider": provider ?? NSNull()] as [String: Any],
        ]
        let diagnosis = try DiagnosisJSONRenderer(
            toolVersion: environment.toolVersion, commandValues: checklistCommands.placeholders.values
        ).render(result, knowledgeBase: knowledgeBase)
        object["diagnosis"] = try Self.object(diagnosis, naming: "the diagnosis")
        if !probes.isEmpty {
            let probe = try ProbeJSONRenderer(toolVersion: environment.toolVersion).render(probes, exitCode: 0)
            object["probes"] = (try Self.object(probe, naming: "the probe") as? [String: Any])?["probes"] ?? NSNull()
        }
        if let domainCheck {
            let findings = try RenderError.json(DomainCheckEntry(domainCheck), naming: "the DNS checks")
            object["domainCheck"] = try Self.object(findings, naming: "the DNS checks")
        }
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try JSONSerialization.data(withJSONObject: object, options: options)
            return UntrustedText.json(String(decoding: data, as: UTF8.self)) + "\n"
        } catch {
            throw RenderError(encoding: "the support report", error)
        }
    }

    /// The JSON text `json`, rendered here as `what`, read back as an object to nest.
    private static func object(_ json: String, naming what: String) throws(RenderError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(json.utf8))
        } catch {
            throw RenderError(encoding: what, error)
        }
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

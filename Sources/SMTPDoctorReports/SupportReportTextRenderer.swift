import SMTPDoctorCore

/// Renders a ``SupportReport`` for a terminal: the probe, the diagnosis as `diagnose` prints it, and the environment
/// for the support ticket.
public struct SupportReportTextRenderer: Sendable {
    /// For the lists of providers and symptoms suggested when nothing was recognised.
    public var knowledgeBase: KnowledgeBase
    /// Colour, step limit and brevity.
    public var settings: TextSettings

    /// Creates a renderer.
    public init(knowledgeBase: KnowledgeBase, settings: TextSettings = TextSettings()) {
        self.knowledgeBase = knowledgeBase
        self.settings = settings
    }

    /// The text.
    public func render(_ report: SupportReport) -> String {
        let style = settings.style
        var out = ""
        if !report.probes.isEmpty { out += ProbeTextRenderer().render(report.probes) + "\n" }
        if let domainCheck = report.domainCheck {
            out += DomainCheckRenderer(toolVersion: report.environment.toolVersion).findingsText(domainCheck)
        }
        out += DiagnosisTextRenderer(
            style: style, maximumSteps: settings.maximumSteps, brief: settings.brief,
            commandValues: report.checklistCommands.placeholders.values
        ).render(report.result, knowledgeBase: knowledgeBase)
        out += "\nFor the support ticket:\n"
        for (key, value) in report.environmentRows {
            let label = Self.labels[key] ?? key
            out += "  \(label.padding(toLength: 17, withPad: " ", startingAt: 0)) \(value)\n"
        }
        return UntrustedText.terminal(out, keepingColours: style.colour)
    }

    /// The label of each environment row, by its key.
    private static let labels = [
        "generatedAt": "Generated", "tool": "Tool", "knowledgeBase": "Knowledge base",
        "operatingSystem": "Operating system", "timeZone": "Time zone", "server": "Server", "port": "Port",
        "tlsMode": "TLS mode", "authentication": "Authentication",
    ]
}

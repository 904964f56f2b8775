import SMTPDoctorProbes

/// What `probe` found: each port's steps, transcript and verdict, and the support document when one is asked for.
public struct ProbeRunReport: RenderableReport {
    /// The probes, one per port tried.
    public var outcomes: [ProbeOutcome]
    /// The exit code the verdict gives, which the JSON records.
    public var exitCode: Int32
    /// The support document for the Markdown and HTML formats (it needs the knowledge base, loaded only then).
    public var document: SupportReport?
    /// Whether the text shows the transcript; `brief` text never does.
    public var transcript: Bool
    /// The tool's version for the JSON `tool` object.
    public var toolVersion: String

    /// Creates the report of a probe.
    public init(
        outcomes: [ProbeOutcome], exitCode: Int32, document: SupportReport?, transcript: Bool, toolVersion: String
    ) {
        self.outcomes = outcomes
        self.exitCode = exitCode
        self.document = document
        self.transcript = transcript
        self.toolVersion = toolVersion
    }

    public func text(_ settings: TextSettings) -> String {
        ProbeTextRenderer(transcript: transcript && !settings.brief).render(outcomes)
    }

    public func json() throws(RenderError) -> String {
        try ProbeJSONRenderer(toolVersion: toolVersion).render(outcomes, exitCode: exitCode)
    }

    public func document(_ templates: TemplateLibrary, as kind: DocumentKind) throws(RenderError) -> String {
        guard let document else { throw RenderError(missingDocument: "the probe") }
        return try SupportReportRenderer(templates: templates).render(document, as: kind)
    }
}

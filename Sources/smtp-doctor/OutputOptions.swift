import ArgumentParser
import Foundation
import SMTPDoctorCore
import SMTPDoctorDNS
import SMTPDoctorReports

/// `--format`, `-o/--output` and `--template`, shared by `diagnose`, `probe`, `interview`, `analyze` and `report`.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format (default: from the --output file's extension, otherwise text).")
    var format: OutputFormat?

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var outputFile: String?

    @Option(
        name: .customLong("template"),
        help: ArgumentHelp(
            "A folder of Mustache templates to use instead of the built-in ones: report.html.mustache, report.md.mustache; for analyze, analysis.html.mustache, analysis.md.mustache.",
            valueName: "dir"),
        completion: .directory)
    var templateFolder: String?

    /// The template folder given, or the configured default.
    var resolvedTemplateFolder: String? { templateFolder ?? ConfigDefaults.shared.current.templates }

    /// The format asked for, or the one the output file's name implies.
    var resolvedFormat: OutputFormat {
        format ?? outputFile.flatMap(OutputFormat.init(fileName:)) ?? .text
    }

    /// Whether the output is a document (Markdown or HTML) rather than the terminal text or the JSON contract.
    var isDocument: Bool { resolvedFormat == .markdown || resolvedFormat == .html }

    func validate() throws {
        if templateFolder != nil, !isDocument {
            throw ValidationError("--template applies to --format markdown and html only.")
        }
    }

    /// Renders a support document in the Markdown or HTML format.
    ///
    /// - Throws: `CommandFailure` when the template folder cannot be used, ``RenderError`` when a template is missing.
    func document(_ report: SupportReport) throws -> String {
        let renderer: SupportReportRenderer
        do {
            renderer = try SupportReportRenderer(templateFolder: resolvedTemplateFolder)
        } catch {
            throw CommandFailure(error.description, status: .unreadableInput)
        }
        return try renderer.render(report, as: resolvedFormat == .html ? .html : .markdown)
    }

    /// Renders the document of `check-domain` in the Markdown or HTML format.
    ///
    /// - Throws: `CommandFailure` when the template folder cannot be used, ``RenderError`` when a template is missing.
    func document(_ report: DomainCheckReport, result: DiagnosisResult, knowledgeBase: KnowledgeBase) throws -> String {
        let renderer: SupportReportRenderer
        do {
            renderer = try SupportReportRenderer(templateFolder: resolvedTemplateFolder)
        } catch {
            throw CommandFailure(error.description, status: .unreadableInput)
        }
        return try DomainCheckRendering(toolVersion: ToolVersion.current).document(
            report, result: result,
            environment: .current(toolVersion: ToolVersion.current, knowledgeBase: knowledgeBase), renderer: renderer,
            as: resolvedFormat == .html ? .html : .markdown)
    }

    /// Renders the document of an analysis in the Markdown or HTML format.
    ///
    /// - Throws: `CommandFailure` when the template folder cannot be used, ``RenderError`` when a template is missing.
    func document(_ analysis: AnalysisDocument) throws -> String {
        let renderer: SupportReportRenderer
        do {
            renderer = try SupportReportRenderer(templateFolder: resolvedTemplateFolder)
        } catch {
            throw CommandFailure(error.description, status: .unreadableInput)
        }
        return try renderer.render(analysis, as: resolvedFormat == .html ? .html : .markdown)
    }

    /// Writes the output to `--output` (whole or not at all), or to standard output.
    ///
    /// - Throws: `CommandFailure` when the file or standard output cannot be written.
    func write(_ text: String) throws {
        guard let outputFile else { return try Terminal.write(text) }
        try OutputFile(path: outputFile).write(Data(text.utf8))
    }

    /// Colour only when writing text to a terminal.
    func wantsColour(disabled: Bool) -> Bool {
        outputFile == nil && Terminal.wantsColour(disabled: disabled)
    }
}

extension ConnectionOptions {
    /// The server, port and user given, with `domain`, as values for the commands' placeholders: never the secret.
    func commandValues(domain: String?) -> CommandValues {
        var portText: String?
        if host != nil, case .number(let number) = port { portText = String(number) }
        return CommandValues(host: host, port: portText, domain: domain, user: user)
    }

    /// The connection as the report shows it: never the secret.
    func reportConnection(host: String) -> SupportReport.Connection {
        let portText: String
        switch port {
        case .auto: portText = "auto (587, 465, 25)"
        case .number(let number): portText = String(number)
        }
        let authentication: String
        if let user {
            authentication = "\(user) with \(authMech?.rawValue.uppercased() ?? "the best offered of PLAIN and LOGIN")"
        } else {
            authentication = "none"
        }
        return SupportReport.Connection(
            host: host, port: portText, tlsMode: tls.rawValue, authentication: authentication)
    }
}

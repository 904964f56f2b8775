import ArgumentParser
import Foundation
import SMTPDoctorCore
import SMTPDoctorDNS
import SMTPDoctorReports

/// How a command's result is shown and where it goes: `--format`, `-o/--output`, `--template`, colour, the pager,
/// the lowest confidence shown, and how much of the checklist the text shows. Every command that reports a result
/// hands it to ``emit(_:)``, the one place that chooses the format, renders and writes.
///
/// `Documents` names the templates of the command's Markdown and HTML documents, which its `--template` help lists.
struct OutputOptions<Documents: CommandDocuments>: ParsableArguments {
    @Option(help: "Output format (default: from the --output file's extension, otherwise text).")
    var format: OutputFormat?

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var outputFile: String?

    @Option(
        name: .customLong("template"),
        help: ArgumentHelp(
            "A folder of Mustache templates to use instead of the built-in ones: "
                + Documents.template.fileNames.joined(separator: ", ") + ", or the partials they include.",
            valueName: "dir"),
        completion: .directory)
    var templateFolder: String?

    @Option(help: ArgumentHelp("The lowest confidence a cause needs to be shown (0 to 1).", valueName: "value"))
    var minConfidence: Double = defaultMinConfidence

    /// The lowest confidence shown when `--min-confidence` is not given.
    static var defaultMinConfidence: Double { 0.2 }

    @Flag(help: "Show only the most likely cause and the first steps of its own fixes (text only).")
    var brief = false

    @Option(
        help: ArgumentHelp(
            "Show at most this many checklist steps and count the rest (text only; default: all, 3 with --brief).",
            valueName: "n"))
    var maxSteps: Int?

    @Flag(
        name: .customLong("no-color"), help: "Never colour the output (NO_COLOR in the environment does the same).")
    var noColour = false

    @Flag(help: "Never page the text through $PAGER or less on a terminal.")
    var noPager = false

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
        guard (0...1).contains(minConfidence) else {
            throw ValidationError("--min-confidence takes a number from 0 to 1.")
        }
        if let maxSteps, maxSteps < 1 {
            throw ValidationError("--max-steps takes a number of 1 or more.")
        }
        if brief || maxSteps != nil, resolvedFormat != .text {
            throw ValidationError("--brief and --max-steps shorten the text output; leave them out with --format.")
        }
    }

    /// Colour only when writing text to a terminal.
    var wantsColour: Bool { outputFile == nil && Terminal.wantsColour(disabled: noColour) }

    /// The settings of the text output.
    var textSettings: TextSettings {
        TextSettings(style: TextStyle(colour: wantsColour), brief: brief, maximumSteps: maxSteps)
    }

    /// Renders the result in the format asked for and writes it to `--output` or standard output (through the pager
    /// on a terminal).
    ///
    /// - Throws: `CommandFailure` when the template folder or the output cannot be used, ``RenderError`` when the
    ///   result cannot be rendered.
    func emit(_ report: some RenderableReport) async throws {
        switch resolvedFormat {
        case .text: try await write(try report.text(textSettings))
        case .json: try await write(try report.json())
        case .markdown, .html: try await write(try report.document(try templates(), as: documentKind))
        }
    }

    /// Writes the Markdown or HTML document of `report` to `file`, besides the usual output (`interview --report`).
    ///
    /// - Throws: `CommandFailure` when the templates or the file cannot be used, ``RenderError`` as ``emit(_:)``.
    func writeDocument(_ report: some RenderableReport, toFile file: String) throws {
        let kind: DocumentKind = OutputFormat(fileName: file) == .markdown ? .markdown : .html
        try OutputFile(path: file).write(Data(try report.document(try templates(), as: kind).utf8))
    }

    private var documentKind: DocumentKind { resolvedFormat == .html ? .html : .markdown }

    private func templates() throws -> TemplateLibrary {
        do {
            return try TemplateLibrary(templateFolder: resolvedTemplateFolder)
        } catch {
            throw CommandFailure(error.description, status: .unreadableInput)
        }
    }

    /// Writes the output to `--output` (whole or not at all), or to standard output, through the pager when
    /// ``PagerDecision`` says so.
    ///
    /// - Throws: `CommandFailure` when the file or standard output cannot be written.
    private func write(_ text: String) async throws {
        if let outputFile { return try OutputFile(path: outputFile).write(Data(text.utf8)) }
        let pager = PagerDecision(
            standardOutputIsTerminal: Terminal.isStandardOutputATerminal, disabled: noPager, writesFile: false,
            isForReading: resolvedFormat == .text || resolvedFormat == .markdown,
            environment: ProcessEnvironment.variables)
        guard pager.command != nil else { return try Terminal.write(text) }
        try await BlockingWork.run { try Terminal.page(text, with: pager) }
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

import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import SMTPDoctorProbes
import SMTPTestServer
import Testing

@testable import SMTPDoctorReports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Golden documents, well-formed and escaped HTML, and template folders.
@Suite struct SupportReportRendererTests {
    static let knowledgeBase: Result<KnowledgeBase, InvalidKnowledgeBase> = Result {
        () throws(InvalidKnowledgeBase) in try KnowledgeBase.load([.builtIn])
    }

    /// A hostile text: it tries to end a table cell, open a script, a Markdown link and a code fence.
    static let hostile = "550 5.7.1 <script>alert('x')</script></td> | [click](http://evil.example) ``` \"q\" & done"

    static let environment = SupportReport.Environment(
        toolVersion: "0.0.0-test", knowledgeBase: "built-in", operatingSystem: "TestOS 1.0", timeZone: "Etc/UTC",
        generatedAt: Date(timeIntervalSince1970: 1_800_000_000))

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    static func report(errors: [String], provider: String? = nil, probes: [ProbeOutcome] = []) throws
        -> SupportReport
    {
        let knowledgeBase = try knowledgeBase.get()
        var evidence = Evidence(errors: errors, provider: provider)
        evidence.observations += probes.map { $0.report.observation() }
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(evidence)
        return SupportReport(
            environment: environment,
            connection: SupportReport.Connection(
                host: "mail.example.com", port: "587", tlsMode: "starttls", authentication: "svc with PLAIN"),
            errors: errors, provider: provider, result: result, probes: probes)
    }

    /// Compares with the golden file; `UPDATE_GOLDEN=1 swift test` rewrites it.
    static func expectGolden(_ text: String, _ name: String) throws {
        let url = goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: goldenFolder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "differs from Golden/\(name); rerun with UPDATE_GOLDEN=1 and review the diff")
    }

    // MARK: - Golden

    @Test func markdownMatchesTheGoldenDocument() throws {
        let report = try Self.report(errors: ["550 5.7.1 Unable to relay"], provider: "microsoft-365")
        try Self.expectGolden(
            SupportReportRenderer(templates: try TemplateLibrary()).render(report, as: .markdown), "relay.md")
    }

    @Test func htmlMatchesTheGoldenDocument() throws {
        let report = try Self.report(errors: ["550 5.7.1 Unable to relay"], provider: "microsoft-365")
        try Self.expectGolden(
            SupportReportRenderer(templates: try TemplateLibrary()).render(report, as: .html), "relay.html")
    }

    @Test func jsonMatchesTheGoldenDocument() throws {
        let report = try Self.report(errors: ["550 5.7.1 Unable to relay"], provider: "microsoft-365")
        let renderer = SupportReportJSONRenderer(knowledgeBase: try Self.knowledgeBase.get())
        try Self.expectGolden(try renderer.render(report), "relay.json")
    }

    @Test func textMatchesTheGoldenDocument() throws {
        let report = try Self.report(errors: ["550 5.7.1 Unable to relay"], provider: "microsoft-365")
        let renderer = SupportReportTextRenderer(knowledgeBase: try Self.knowledgeBase.get())
        try Self.expectGolden(renderer.render(report), "relay.txt")
    }

    // MARK: - HTML

    @Test func htmlIsWellFormedAndEscapesOutsideText() async throws {
        var script = SMTPTestServerScript()
        script.greeting = .reply(220, "evil.test ESMTP <script>alert(1)</script></td></tr></table><img src=x>")
        script.tls = .none
        let server = try await SMTPTestServer.start(script)
        let probe = await SMTPProbe(
            ProbeConfiguration(
                host: "127.0.0.1", port: server.port, tlsMode: .none,
                timeouts: .uniform(.seconds(5), overall: .seconds(20)))
        ).run()
        await server.stop()
        let report = try Self.report(
            errors: [Self.hostile],
            probes: [
                ProbeOutcome(
                    report: probe,
                    explanation: ProbeExplanation(
                        report: probe, engine: InferenceEngine(knowledgeBase: try Self.knowledgeBase.get())))
            ])
        let html = try SupportReportRenderer(templates: TemplateLibrary()).render(report, as: .html)

        let document = try XMLDocument(xmlString: html, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "html")
        #expect(try root.nodes(forXPath: "//script").isEmpty)
        #expect(try root.nodes(forXPath: "//img").isEmpty)
        #expect(try root.nodes(forXPath: "//*[@src or @href]").isEmpty, "no external resource")
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/td&gt;"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;/td&gt;"))
        #expect(html.contains("&quot;q&quot; &amp; done"))
        // The text a reader sees is the hostile text, unchanged.
        let pre = try root.nodes(forXPath: "//section[@aria-labelledby='errors']/pre")
        #expect(pre.first?.stringValue == Self.hostile)
        #expect(html.contains("@media print"))
        #expect(html.contains("name=\"viewport\""))
    }

    @Test func markdownKeepsOutsideTextFromBecomingMarkup() throws {
        let report = try Self.report(errors: [Self.hostile])
        let markdown = try SupportReportRenderer(templates: TemplateLibrary()).render(report, as: .markdown)
        // Only the verbatim copy in its code block keeps the raw text; everywhere else it is escaped.
        #expect(markdown.components(separatedBy: "<script>alert").count == 2)
        #expect(markdown.contains("\\[click\\](http://evil.example)"))
        #expect(markdown.contains("&lt;/td&gt; \\| \\[click"))
        // The verbatim copy sits in a fence longer than the text's own backtick run.
        #expect(markdown.contains("````text\n\(Self.hostile)\n````"))
    }

    // MARK: - Templates

    @Test func aTemplateFolderReplacesTheBuiltInTemplatesByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{{% CONTENT_TYPE: MARKDOWN }}\nCase {{title}}: {{#diagnoses}}{{id}} {{/diagnoses}}\n".utf8).write(
            to: folder.appendingPathComponent("report.md.mustache"))
        let renderer = SupportReportRenderer(templates: try TemplateLibrary(templateFolder: folder.path))
        let report = try Self.report(errors: ["550 5.7.1 Unable to relay"])
        let markdown = try renderer.render(report, as: .markdown)
        #expect(markdown.hasPrefix("Case smtp-doctor report: mail.example.com:587: "))
        // HTML was not replaced, so the built-in template renders it.
        #expect(try renderer.render(report, as: .html).contains("<!DOCTYPE html>"))
    }

    @Test func aTemplateThatDoesNotParseIsAnErrorNamingIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{{#open}} never closed".utf8).write(to: folder.appendingPathComponent("report.html.mustache"))
        #expect(throws: TemplateError.self) { try TemplateLibrary(templateFolder: folder.path) }
    }

    @Test func theBuiltInTemplatesAreEmbedded() {
        #expect(Set(DefaultTemplates.files.keys).isSuperset(of: ["report.md", "report.html"]))
    }
}

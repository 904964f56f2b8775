import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorReports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The Markdown and HTML documents of `analyze`, from a log whose lines try to inject markup.
@Suite struct AnalysisDocumentTests {
    static let log = """
        May  1 06:06:57 mx1 postfix/smtp[811]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown <script>alert(1)</script></td> | [x](http://evil.example) ``` (in reply to RCPT TO command))
        May  1 06:07:02 mx1 postfix/smtpd[912]: NOQUEUE: reject: RCPT from unknown[198.51.100.23]: 554 5.7.1 <x@example.net>: Relay access denied; from=<a@example.org> to=<x@example.net> proto=ESMTP helo=<pc>

        """

    private func analysis() throws -> LogAnalysis {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID()).log")
        try Self.log.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let engine = InferenceEngine(knowledgeBase: try KnowledgeBase.load([.builtIn]))
        return LogAnalyzer(engine: engine, sampleLimit: 3).run([file.path])
    }

    private var environment: SupportReport.Environment {
        SupportReport.Environment(
            toolVersion: "0.0.0-test", knowledgeBase: "built-in", operatingSystem: "TestOS", timeZone: "Etc/UTC",
            generatedAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func htmlIsWellFormedEscapedAndListsEveryGroup() throws {
        let document = AnalysisDocument(analysis: try analysis(), environment: environment)
        let html = try AnalysisDocumentRenderer(templates: TemplateLibrary()).render(document, as: .html)
        _ = try XMLDocument(xmlString: html, options: [])
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("recipient.unknown-user"))
        #expect(html.contains("relay.inbound-relay-attempt-refused"))
        #expect(html.contains("1 delivery failure, 1 refusal"))
        #expect(!html.contains("http://evil.example\""))
    }

    @Test func markdownKeepsSampleLinesInFencesAndEscapesTheRest() throws {
        let document = AnalysisDocument(analysis: try analysis(), environment: environment)
        let markdown = try AnalysisDocumentRenderer(templates: TemplateLibrary()).render(document, as: .markdown)
        #expect(markdown.hasPrefix("# smtp-doctor analysis: 1 delivery failure, 1 refusal"))
        #expect(markdown.contains("````text"))
        // Each side's table shares out its own records: the outbound failure and the inbound refusal are 100 % each.
        #expect(markdown.contains("| recipient | 1 | 100.0% |"))
        #expect(markdown.contains("| relay | 1 | 100.0% |"))
        #expect(markdown.contains("- [ ] "))
    }
}

import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import SMTPDoctorProbes
import SMTPTestServer
import Testing

@testable import SMTPDoctorReports

/// Every renderer gets the same hostile corpus; none may pass a control character on.
@Suite struct HostileTextTests {
    /// Control sequences that set the terminal title, clear the screen, ring the bell, move the cursor back, reorder
    /// text, or start a C1 CSI, around an error that the knowledge base recognises.
    static let corpus: [String] = [
        "550 5.1.1 \u{1B}]0;PWNED\u{07}\u{1B}[2J user unknown",
        "535 5.7.8 auth failed\u{0}\u{0D}\u{1B}[1A\u{1B}[31mfake OK",
        "550 5.7.1 relay denied \u{202E}txt.exe\u{202C} \u{2066}x\u{2069}",
        "421 4.7.0 try later \u{9B}2J \u{7F} \u{85} \u{2028}",
        "554 5.7.1 " + String(decoding: [0xFF, 0xFE, 0xC3, 0x28, 0x1B, 0x5B, 0x32, 0x4A], as: UTF8.self),
    ]

    /// Scalars no output may carry raw: C0 but tab and line feed, DEL, C1, bidirectional formatting, U+2028/9.
    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
            || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    /// The forbidden scalars in `text`, after taking out the SGR colour codes when `colour` allows them.
    static func leaks(_ text: String, colour: Bool = false) -> [String] {
        var text = text
        if colour { text = text.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression) }
        return text.unicodeScalars.filter(forbidden).map { String($0.value, radix: 16) }
    }

    static let environment = SupportReport.Environment(
        toolVersion: "0.0.0-test", knowledgeBase: "built-in", operatingSystem: "TestOS\u{1B}[2J", timeZone: "Etc/UTC",
        generatedAt: Date(timeIntervalSince1970: 1_800_000_000))

    private func knowledgeBase() throws -> KnowledgeBase { try KnowledgeBase.load([.builtIn]) }

    private func probe() async throws -> ProbeOutcome {
        var script = SMTPTestServerScript()
        script.greeting = .reply(220, "evil.test ESMTP \u{1B}]0;PWNED\u{07}\u{1B}[2J\u{202E}")
        script.tls = .none
        let server = try await SMTPTestServer.start(script)
        let report = await SMTPProbe(
            ProbeConfiguration(
                host: "127.0.0.1", port: server.port, tlsMode: .none,
                timeouts: .uniform(.seconds(60), overall: .seconds(120)))
        ).run()
        await server.stop()
        let engine = InferenceEngine(knowledgeBase: try knowledgeBase())
        return ProbeOutcome(report: report, explanation: ProbeExplanation(report: report, engine: engine))
    }

    @Test func diagnosisRenderersShowControlCharactersVisibly() async throws {
        let knowledgeBase = try knowledgeBase()
        let probe = try await probe()
        var evidence = Evidence(errors: Self.corpus)
        evidence.observations.append(probe.report.observation())
        let result = InferenceEngine(knowledgeBase: knowledgeBase, threshold: 0).diagnose(evidence)
        let report = SupportReport(
            environment: Self.environment,
            connection: SupportReport.Connection(
                host: "mail\u{1B}[2J.example.com", port: "587", tlsMode: "starttls", authentication: "svc\u{7}"),
            errors: Self.corpus, result: result, probes: [probe])
        let renderer = SupportReportRenderer(templates: try TemplateLibrary())
        let outputs: [(String, String, Bool)] = [
            ("text", DiagnosisTextRenderer(explain: true).render(result, knowledgeBase: knowledgeBase), false),
            (
                "text in colour",
                DiagnosisTextRenderer(explain: true, style: TextStyle(colour: true)).render(
                    result, knowledgeBase: knowledgeBase),
                true
            ),
            ("json", try DiagnosisJSONRenderer(toolVersion: "t").render(result, knowledgeBase: knowledgeBase), false),
            ("report text", SupportReportTextRenderer(knowledgeBase: knowledgeBase).render(report), false),
            ("report json", try SupportReportJSONRenderer(knowledgeBase: knowledgeBase).render(report), false),
            ("markdown", try renderer.render(report, as: .markdown), false),
            ("html", try renderer.render(report, as: .html), false),
            ("probe text", ProbeTextRenderer().render([probe]), false),
            ("probe json", try ProbeJSONRenderer(toolVersion: "t").render([probe], exitCode: 0), false),
        ]
        for (name, output, colour) in outputs {
            #expect(Self.leaks(output, colour: colour).isEmpty, "\(name) leaks \(Self.leaks(output, colour: colour))")
        }
        #expect(outputs[0].1.contains("\\x1b]0;PWNED\\x07"))
        #expect(outputs[6].1.contains("\\u{202E}"))
        let decoded = try JSONSerialization.jsonObject(with: Data(outputs[2].1.utf8))
        #expect(decoded is [String: Any], "the escaped JSON is still JSON")
    }

    @Test func analysisRenderersShowControlCharactersVisibly() throws {
        var log = Data()
        for text in Self.corpus {
            log += Data(
                "May  1 06:06:57 mx1 postfix/smtp[811]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: \(text) (in reply to RCPT TO command))\n"
                    .utf8)
        }
        log += Data([0x1B, 0x5D, 0x30, 0x3B, 0x58, 0x07, 0xFF, 0x0A])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\u{1B}[2J-\(UUID()).log")
        try log.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let knowledgeBase = try knowledgeBase()
        var events: [(FailureEvent, EventDiagnosis)] = []
        let analysis = LogAnalyzer(engine: InferenceEngine(knowledgeBase: knowledgeBase), sampleLimit: 5).run(
            [file.path], onEvent: { events.append(($0, $1)) })
        #expect(analysis.summary.total >= Self.corpus.count)
        let document = AnalysisDocument(analysis: analysis, environment: Self.environment)
        let renderer = AnalysisDocumentRenderer(templates: try TemplateLibrary())
        let outputs: [(String, String, Bool)] = [
            ("text", AnalysisTextRenderer(style: TextStyle(colour: false), top: 20).render(analysis), false),
            ("text in colour", AnalysisTextRenderer(style: TextStyle(colour: true), top: 20).render(analysis), true),
            ("json", try AnalysisJSONRenderer(toolVersion: "t").render(analysis, knowledgeBase: knowledgeBase), false),
            ("markdown", try renderer.render(document, as: .markdown), false),
            ("html", try renderer.render(document, as: .html), false),
            ("json lines", try events.map { try FailureEventJSONLine().render($0, $1) }.joined(), false),
        ]
        for (name, output, colour) in outputs {
            #expect(Self.leaks(output, colour: colour).isEmpty, "\(name) leaks \(Self.leaks(output, colour: colour))")
        }
    }

    @Test func theSanitiserKeepsOnlyColourCodesAndIsIdempotent() {
        let text = "a\u{1B}[1mb\u{1B}[0m\u{1B}[2J\u{7}\u{202E}\t\n"
        let terminal = UntrustedText.terminal(text, keepingColours: true)
        #expect(terminal == "a\u{1B}[1mb\u{1B}[0m\\x1b[2J\\x07\\u{202E}\t\n")
        #expect(UntrustedText.terminal(terminal, keepingColours: true) == terminal)
        #expect(UntrustedText.terminal(text, keepingColours: false) == "a\\x1b[1mb\\x1b[0m\\x1b[2J\\x07\\u{202E}\t\n")
        #expect(UntrustedText.json("\"\u{7F}\u{202E}\"") == "\"\\u007f\\u202e\"")
    }
}

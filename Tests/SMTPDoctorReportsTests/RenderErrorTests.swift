import Foundation
import SMTPDoctorCore
import SMTPDoctorDNS
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorReports

/// A value JSON cannot hold or a missing template is an error naming it, never an empty or `{}` document.
@Suite struct RenderErrorTests {
    static let knowledgeBase: Result<KnowledgeBase, InvalidKnowledgeBase> = Result {
        () throws(InvalidKnowledgeBase) in try KnowledgeBase.load([.builtIn])
    }

    static let environment = SupportReport.Environment(
        toolVersion: "t", knowledgeBase: "built-in", operatingSystem: "TestOS", timeZone: "Etc/UTC",
        generatedAt: Date(timeIntervalSince1970: 1_800_000_000))

    /// The diagnosis of a refused login.
    private func result() throws -> DiagnosisResult {
        let result = InferenceEngine(knowledgeBase: try Self.knowledgeBase.get()).diagnose(
            Evidence(errors: ["535 5.7.8 Authentication credentials invalid"]))
        try #require(!result.diagnoses.isEmpty)
        return result
    }

    @Test func aMissingTemplateIsAnErrorNamingIt() throws {
        let templates = try TemplateLibrary()
        #expect(throws: RenderError(missingTemplate: "report.txt")) {
            try templates.render(["title": "t"], template: "report.txt")
        }
        let renderer = SupportReportRenderer(templates: templates)
        #expect(RenderError(missingTemplate: "report.txt").message.contains("report.txt.mustache"))
        // The built-in templates of every kind are there.
        let report = SupportReport(environment: Self.environment, result: try result())
        for kind in DocumentKind.allCases {
            #expect(try !renderer.render(report, as: kind).isEmpty)
        }
    }

    @Test func aNonFiniteNumberInTheDiagnosisIsAnErrorNamingTheField() throws {
        let knowledgeBase = try Self.knowledgeBase.get()
        var result = try result()
        result.diagnoses[0].confidence = .nan
        let error = try #require(throws: RenderError.self) {
            try DiagnosisJSONRenderer(toolVersion: "t").render(result, knowledgeBase: knowledgeBase)
        }
        #expect(error.message.hasPrefix("cannot write the diagnosis as JSON: diagnoses.0.confidence"), "\(error)")
        let report = SupportReport(environment: Self.environment, result: result)
        let reportError = try #require(throws: RenderError.self) {
            try SupportReportJSONRenderer(knowledgeBase: knowledgeBase).render(report)
        }
        #expect(
            reportError.message.hasPrefix(
                "cannot write the support report as JSON: diagnosis.diagnoses.0.confidence"),
            "\(reportError)")
    }

    @Test func aNonFiniteNumberInAnAnalysisOrAnEventIsAnError() throws {
        let knowledgeBase = try Self.knowledgeBase.get()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("render-error-\(UUID()).log")
        try Data(
            "May  1 06:06:57 mx1 postfix/smtp[811]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n"
                .utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var events: [(FailureEvent, EventDiagnosis)] = []
        var analysis = LogAnalyzer(engine: InferenceEngine(knowledgeBase: knowledgeBase)).run(
            [file.path], onEvent: { events.append(($0, $1)) })
        let (event, diagnosis) = try #require(events.first)
        #expect(try FailureEventJSONLine().render(event, diagnosis).hasPrefix("{"))
        var unencodable = diagnosis
        unencodable.confidence = .infinity
        #expect(throws: RenderError.self) { try FailureEventJSONLine().render(event, unencodable) }

        #expect(
            try AnalysisJSONRenderer(toolVersion: "t").render(analysis, knowledgeBase: knowledgeBase).hasPrefix("{"))
        analysis.seconds = .nan
        let error = try #require(throws: RenderError.self) {
            try AnalysisJSONRenderer(toolVersion: "t").render(analysis, knowledgeBase: knowledgeBase)
        }
        #expect(error.message.hasPrefix("cannot write the analysis as JSON: input.seconds"), "\(error)")
    }

    @Test func theDomainChecksAreEncodedIntoTheDiagnosisAndANonFiniteNumberIsAnError() throws {
        let knowledgeBase = try Self.knowledgeBase.get()
        var findings = DomainCheckReport(domain: "example.org", ip: "192.0.2.1")
        findings.findings = [
            DomainFinding(check: "SPF", status: .problem, detail: "the record ends in +all", records: ["v=spf1 +all"])
        ]
        var result = try result()
        let json = try DomainCheckRenderer(toolVersion: "t").json(
            findings, result: result, knowledgeBase: knowledgeBase)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["domain"] as? String == "example.org")
        #expect(object["ip"] as? String == "192.0.2.1")
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(finding["check"] as? String == "SPF" && finding["status"] as? String == "problem")
        #expect(finding["records"] as? [String] == ["v=spf1 +all"])
        #expect((object["diagnoses"] as? [Any])?.isEmpty == false)

        result.diagnoses[0].confidence = .nan
        let error = try #require(throws: RenderError.self) {
            try DomainCheckRenderer(toolVersion: "t").json(findings, result: result, knowledgeBase: knowledgeBase)
        }
        #expect(error.message.contains("diagnoses.0.confidence"), "\(error)")
        let report = SupportReport(environment: Self.environment, result: result, domainCheck: findings)
        #expect(throws: RenderError.self) {
            try SupportReportJSONRenderer(knowledgeBase: knowledgeBase).render(report)
        }
    }
}

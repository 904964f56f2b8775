import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorReports

/// The web pages and the interview API's JSON, rendered from typed values: outside text escaped everywhere, the
/// page frame whole, and a value JSON cannot hold an error rather than an empty document.
@Suite struct WebPageRendererTests {
    static let knowledgeBase: Result<KnowledgeBase, InvalidKnowledgeBase> = Result {
        () throws(InvalidKnowledgeBase) in try KnowledgeBase.load([.builtIn])
    }

    private func result(_ error: String) throws -> DiagnosisResult {
        InferenceEngine(knowledgeBase: try Self.knowledgeBase.get()).diagnose(Evidence(errors: [error]))
    }

    @Test func outsideTextIsEscapedInEveryPart() {
        #expect(
            PageHTML.escape("<b a='1'>\"x\" & \u{0}\u{1B}[31m\u{202E}</b>\tend\n")
                == "&lt;b a=&#39;1&#39;&gt;&quot;x&quot; &amp; \\x00\\x1b[31m\\u{202E}&lt;/b&gt;\tend\n")
        let page = WebPageLayout.problem("<script>alert(1)</script>")
        #expect(page.contains("<p class=\"problem\" id=\"problem\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"))
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        let field = WebPageLayout.csrfField(FormToken(field: "csrf", value: "a\"b"))
        #expect(field == "<input type=\"hidden\" name=\"csrf\" value=\"a&quot;b\">")
        let links = WebPageLayout.downloads(
            DownloadLinks(id: "0f", links: [("report.html", "HTML"), ("report.json", "JSON")]))
        #expect(
            links == "<p class=\"downloads\">Download: <a href=\"/results/0f/report.html\" download>HTML</a> · "
                + "<a href=\"/results/0f/report.json\" download>JSON</a></p>")
    }

    @Test func diagnosisPageRanksTheCausesAndListsTheChecklist() throws {
        let result = try result("535 5.7.8 Authentication credentials invalid")
        let leading = try #require(result.diagnoses.first)
        let page = DiagnosePageRenderer.result(result, downloads: DownloadLinks(id: "1", links: []))
        #expect(page.contains("<h3 id=\"first-cause\">\(PageHTML.escape(leading.definition.title))</h3>"))
        #expect(page.contains("<ol class=\"checklist\" id=\"checklist\">"))
        #expect(!page.contains("id=\"not-recognised\""))
        let unknown = DiagnosePageRenderer.result(
            try self.result("nothing that names a cause"), downloads: DownloadLinks(id: "1", links: []))
        #expect(unknown.contains("id=\"not-recognised\""))
    }

    @Test func interviewStepNamesTheEndingAndTheLeadingCauses() throws {
        let result = try result("535 5.7.8 Authentication credentials invalid")
        let step = InterviewStepDocument(
            answers: [InterviewAnswerRecord(question: "q", answer: nil)], next: nil, ending: .confident,
            leading: result)
        let json = try InterviewStepJSONRenderer.render(step)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["ending"] as? String == "confident")
        #expect(object["question"] == nil)
        #expect((object["answers"] as? [[String: Any]])?.first?["question"] as? String == "q")
        let leading = try #require(object["leading"] as? [[String: Any]])
        #expect(leading.first?["id"] as? String == result.diagnoses.first?.definition.id)
        #expect(leading.count == min(3, result.diagnoses.count))
    }

    @Test func aNonFiniteConfidenceInAnInterviewStepIsAnError() throws {
        var result = try result("535 5.7.8 Authentication credentials invalid")
        result.diagnoses[0].confidence = .infinity
        let step = InterviewStepDocument(answers: [], next: nil, ending: .quit, leading: result)
        let error = try #require(throws: RenderError.self) { try InterviewStepJSONRenderer.render(step) }
        #expect(error.message.hasPrefix("cannot write the interview step as JSON: leading.0.confidence"), "\(error)")
    }
}

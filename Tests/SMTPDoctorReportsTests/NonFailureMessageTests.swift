import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorReports

/// Messages among bounces that are no delivery failure — an automatic reply, a feedback-loop report, a report of
/// successful delivery — are labelled as such in the text and JSON reports and not counted as failures.
@Suite struct NonFailureMessageTests {
    static let messages = [
        "vacation.eml": """
        From: Ann Example <ann@example.org>
        To: bob@example.com
        Subject: Away until Monday
        Auto-Submitted: auto-replied

        I am away until Monday.

        """,
        "complaint.eml": """
        From: feedback@isp.example
        To: abuse@example.com
        Subject: Abuse report
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="f"

        --f
        Content-Type: text/plain

        This is an email abuse report for an email message received from IP 192.0.2.1.
        --f
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: ExampleFBL/1.0
        Version: 1

        --f--

        """,
        "delivered.eml": """
        From: MAILER-DAEMON@mx.example.com
        To: bob@example.com
        Subject: Successful Mail Delivery Report
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="d"

        --d
        Content-Type: text/plain

        Your message was successfully delivered to the destination(s) listed below.
        --d
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.com

        Final-Recipient: rfc822; carol@example.net
        Action: relayed
        Status: 2.0.0

        --d--

        """,
        "bounce.eml": """
        From: MAILER-DAEMON@mx.example.com
        To: bob@example.com
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.com

        Final-Recipient: rfc822; dave@example.net
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <dave@example.net>: Recipient address rejected: User unknown

        --b--

        """,
    ]

    @Test func eachMessageThatIsNoFailureIsLabelledAndNotCounted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("non-failure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in Self.messages {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        let knowledgeBase = try KnowledgeBase.load([.builtIn])
        let analysis = LogAnalyzer(engine: InferenceEngine(knowledgeBase: knowledgeBase)).run([folder.path])
        #expect(analysis.summary.total == 1)
        #expect(analysis.statistics.nonFailureMessages == [.autoReply: 1, .feedbackReport: 1, .successReport: 1])

        let text = AnalysisTextRenderer(style: TextStyle(colour: false), width: 200).render(analysis)
        #expect(
            text.contains(
                "3 message(s) held no delivery failure, not counted as failures: 1 automatic reply, 1 feedback report, "
                    + "1 success notice"))
        #expect(text.contains("Failures: 1 (bounced 1)"))

        let json = try AnalysisJSONRenderer(toolVersion: "t").render(analysis, knowledgeBase: knowledgeBase)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let input = try #require(object["input"] as? [String: Any])
        #expect(
            input["nonFailureMessages"] as? [String: Int] == [
                "auto-reply": 1, "feedback-report": 1, "success-report": 1,
            ])
        #expect(object["failures"] as? Int == 1)
    }
}

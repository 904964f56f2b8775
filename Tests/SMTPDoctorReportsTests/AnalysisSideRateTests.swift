import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorReports

/// Failure rates per side in the text and JSON reports of `analyze`: failures against the deliveries and accepted
/// messages the same log records.
@Suite struct AnalysisSideRateTests {
    static let log = """
        May  1 06:06:57 mx1 postfix/smtp[811]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))
        May  1 06:07:02 mx1 postfix/smtpd[912]: NOQUEUE: reject: RCPT from unknown[198.51.100.23]: 554 5.7.1 <x@example.net>: Relay access denied; from=<a@example.org> to=<x@example.net> proto=ESMTP helo=<pc>
        May  1 08:00:01 mx1 postfix/smtpd[950]: 5B1C2D3E4F: client=mail.partner.example[203.0.113.5]
        May  1 08:00:02 mx1 postfix/smtpd[950]: 5B1C2D3E50: client=mail.partner.example[203.0.113.5]
        May  1 08:00:03 mx1 postfix/smtpd[950]: 5B1C2D3E51: client=mail.partner.example[203.0.113.5]
        May  1 08:00:04 mx1 postfix/submission/smtpd[951]: 6C1C2D3E4F: client=laptop.example.org[192.0.2.9], sasl_method=PLAIN, sasl_username=me@example.org
        May  1 08:00:05 mx1 postfix/smtp[952]: 6C1C2D3E4F: to=<x@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 OK)
        May  1 08:00:06 mx1 postfix/lmtp[953]: 5B1C2D3E4F: to=<bob@example.org>, relay=mail.example.org[private/dovecot-lmtp], delay=0.1, dsn=2.0.0, status=sent (250 2.0.0 Saved)

        """

    private func analysis() throws -> LogAnalysis {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sides-\(UUID()).log")
        try Self.log.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let engine = InferenceEngine(knowledgeBase: try KnowledgeBase.load([.builtIn]))
        return LogAnalyzer(engine: engine, sampleLimit: 3).run([file.path])
    }

    @Test func deliveriesAreCountedOnTheirSideAndStoredMailIsNotCountedTwice() throws {
        let analysis = try analysis()
        #expect(analysis.statistics.delivered == [.outbound: 1, .inbound: 3, .submission: 1])
        #expect(analysis.summary.sides == [.outbound: 1, .inbound: 1])
    }

    @Test func eachSideHasItsRate() throws {
        let rates = AnalysisSideRate.all(try analysis())
        #expect(rates.map(\.side) == ["outbound", "inbound", "submission"])
        #expect(rates.map(\.failureRate) == [50, 25, 0])
    }

    @Test func theTextAndJSONReportsShowTheRates() throws {
        let analysis = try analysis()
        let text = AnalysisTextReport(style: TextStyle(colour: false), top: 20).render(analysis)
        #expect(text.contains("By side: outbound 1 failed, 1 delivered (50.0 % failed); inbound 1 refused, 3 accepted"))
        let json = try AnalysisJSONReport(toolVersion: "t").render(
            analysis, knowledgeBase: try KnowledgeBase.load([.builtIn]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sides = try #require(object["sides"] as? [[String: Any]])
        #expect(sides.first?["side"] as? String == "outbound")
        #expect(sides.first?["delivered"] as? Int == 1)
    }
}

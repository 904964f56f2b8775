import Foundation
import SMTPDoctorCore
import Testing

/// Which side of the server a log record is on, and the advice that follows from it: a refusal by our own MX is
/// diagnosed for the administrator of the refusing server, not as our delivery problem.
@Suite struct TrafficSideTests {
    private static let log = """
        May  1 06:06:57 mx1 postfix/smtp[915]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))
        May  1 07:13:10 mx1 postfix/smtpd[940]: NOQUEUE: reject: RCPT from unknown[198.51.100.23]: 554 5.7.1 <spam@example.net>: Relay access denied; from=<promo@spammer.example> to=<spam@example.net> proto=ESMTP helo=<pc17>
        May  1 07:14:10 mx1 postfix/smtpd[941]: NOQUEUE: reject: RCPT from unknown[198.51.100.24]: 554 5.7.1 Service unavailable; Client host [198.51.100.24] blocked using zen.spamhaus.org; from=<a@spam.example> to=<bob@example.org> proto=ESMTP helo=<x.spam.example>
        May  1 07:15:10 mx1 postfix/smtpd[942]: NOQUEUE: reject: RCPT from mail.partner.example[203.0.113.5]: 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in virtual mailbox table; from=<a@partner.example> to=<nobody@example.org> proto=ESMTP helo=<mail.partner.example>
        May  1 07:17:10 mx1 postfix/submission/smtpd[944]: warning: unknown[198.51.100.26]: SASL LOGIN authentication failed: UGFzc3dvcmQ6
        May  1 07:18:10 mx1 postfix/submission/smtpd[945]: NOQUEUE: reject: RCPT from laptop.example.org[192.0.2.9]: 554 5.7.1 <x@gmail.com>: Relay access denied; from=<me@example.org> to=<x@gmail.com> proto=ESMTP helo=<laptop>

        """

    private func diagnosed() throws -> [(FailureEvent, EventDiagnosis)] {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("mail.log")
        try Data(Self.log.utf8).write(to: url)
        var reader = LogReader()
        var diagnoser = EventDiagnoser(engine: InferenceEngine(knowledgeBase: try KnowledgeBase.load([.builtIn])))
        var found: [(FailureEvent, EventDiagnosis)] = []
        reader.read(url.path) { found.append(($0, diagnoser.diagnose($0))) }
        return found
    }

    @Test func eachRecordIsOnItsSide() throws {
        let sides = try diagnosed().map(\.0.side)
        #expect(sides == [.outbound, .inbound, .inbound, .inbound, .submission, .submission])
    }

    @Test func aLoginFailureWarningIsAnAuthStageEventWithTheClient() throws {
        let login = try #require(try diagnosed().first { $0.0.stage == "auth" })
        #expect(login.0.remoteIP == "198.51.100.26")
        #expect(login.0.status == .rejected)
        #expect(login.1.diagnosisID == "auth.submission-login-failed")
    }

    @Test func theSameReplyIsDiagnosedForTheSideItIsOn() throws {
        let ids = try diagnosed().map(\.1.diagnosisID)
        #expect(ids[0] == "recipient.unknown-user")
        #expect(ids[1] == "relay.inbound-relay-attempt-refused")
        #expect(ids[2] == "reputation.inbound-client-blocklisted")
        #expect(ids[3] == "recipient.inbound-unknown-recipient")
        // Our own user refused by the submission service: the client must log in, not be trusted by address.
        #expect(ids[5] == "relay.submission-relay-without-login")
    }
}

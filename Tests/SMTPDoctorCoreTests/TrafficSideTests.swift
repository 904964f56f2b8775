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

/// The side of Exim and Exchange records, and the deliveries they count for the failure rates.
@Suite struct TrafficSideOfOtherServersTests {
    private static let exim = """
        2026-05-01 06:00:01 1uAbCa-000Xy1-Q1 <= alice@example.org H=laptop.example.org [192.0.2.9] P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 A=dovecot_plain:alice S=1204 id=1@example.org
        2026-05-01 06:00:02 1uAbCa-000Xy1-Q1 => x@gmail.com R=dnslookup T=remote_smtp H=gmail-smtp-in.l.google.com [142.250.1.26] C="250 2.0.0 OK"
        2026-05-01 06:00:02 1uAbCa-000Xy1-Q1 -> y@gmail.com R=dnslookup T=remote_smtp H=gmail-smtp-in.l.google.com [142.250.1.26] C="250 2.0.0 OK"
        2026-05-01 06:00:03 1uAbCb-000Xy2-Q2 <= news@partner.example H=mail.partner.example [203.0.113.5] P=esmtps S=5120 id=2@partner.example
        2026-05-01 06:00:04 1uAbCb-000Xy2-Q2 => ann <ann@example.org> R=local_user T=local_delivery
        2026-05-01 06:00:05 1uAbCc-000Xy3-Q3 <= root@example.org U=root P=local S=300
        2026-05-01 06:00:06 dovecot_login authenticator failed for (pc17) [198.51.100.90]: 535 Incorrect authentication data (set_id=alice)
        2026-05-01 06:00:07 H=(pc17) [198.51.100.23] F=<promo@spammer.example> rejected RCPT <x@example.net>: relay not permitted
        2026-05-01 06:00:08 H=laptop.example.org [192.0.2.9] A=dovecot_plain:alice F=<alice@example.org> rejected RCPT <z@example.net>: sender verify failed
        2026-05-01 06:00:09 1uAbCd-000Xy4-Q4 ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [203.0.113.7]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 User unknown

        """

    private static let tracking = """
        #Software: Microsoft Exchange Server
        #Log-type: Message Tracking Log
        #Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality
        2026-05-01T06:07:10.512Z,10.0.0.21,app01,10.0.0.4,CMHYBD01,,Default CMHYBD01,SMTP,RECEIVE,1,<1@example.org>,n1,bob@example.com,,4211,1,,,Report,alerts@example.org,alerts@example.org,,Originating
        2026-05-01T06:07:11.512Z,203.0.113.5,mail.partner.example,10.0.0.4,CMHYBD01,,Default Frontend,SMTP,RECEIVE,2,<2@partner.example>,n2,ann@example.org,,4211,1,,,Hello,a@partner.example,a@partner.example,,Incoming
        2026-05-01T06:07:12.140Z,10.0.0.4,CMHYBD01,203.0.113.7,mx.example.com,,Outbound to Internet,SMTP,SEND,1,<1@example.org>,n1,bob@example.com,250 2.0.0 OK,4211,1,,,Report,alerts@example.org,alerts@example.org,,Originating
        2026-05-01T06:07:13.140Z,,,10.0.0.4,CMHYBD01,,,STOREDRIVER,DELIVER,2,<2@partner.example>,n2,ann@example.org,,4211,1,,,Hello,a@partner.example,a@partner.example,,Incoming

        """

    private static let receive = """
        #Software: Microsoft Exchange Server
        #Log-type: SMTP Receive Protocol Log
        #Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context
        2026-05-01T06:11:40.101Z,CMHYBD01\\Client Frontend CMHYBD01,08DEA74796A6E3B1,3,10.0.0.4:587,192.0.2.9:50413,<,RCPT TO:<x@gmail.com>,
        2026-05-01T06:11:40.102Z,CMHYBD01\\Client Frontend CMHYBD01,08DEA74796A6E3B1,4,10.0.0.4:587,192.0.2.9:50413,>,550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain,
        2026-05-01T06:11:41.101Z,CMHYBD01\\Default Frontend CMHYBD01,08DEA74796A6E3C1,3,10.0.0.4:25,198.51.100.23:50414,<,RCPT TO:<x@gmail.com>,
        2026-05-01T06:11:41.102Z,CMHYBD01\\Default Frontend CMHYBD01,08DEA74796A6E3C1,4,10.0.0.4:25,198.51.100.23:50414,>,550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain,

        """

    private func read(_ text: String, name: String) throws -> (events: [FailureEvent], statistics: InputStatistics) {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        var reader = LogReader()
        var events: [FailureEvent] = []
        reader.read(url.path) { events.append($0) }
        return (events, reader.statistics)
    }

    @Test func eximRecordsAreOnTheirSideAndRemoteDeliveriesCounted() throws {
        let (events, statistics) = try read(Self.exim, name: "mainlog")
        #expect(events.map(\.side) == [.submission, .inbound, .submission, .outbound])
        #expect(events.first?.stage == "auth")
        #expect(events.first?.remoteIP == "198.51.100.90")
        // Two remote deliveries (=> and ->), one message from a logged-in client, one from a remote server; the
        // local delivery and the local submission are not counted.
        #expect(statistics.delivered == [.outbound: 2, .submission: 1, .inbound: 1])
        #expect(statistics.malformedLines == 0)
    }

    @Test func exchangeTrackingCountsSentAndReceivedMessagesOnTheirSide() throws {
        let (events, statistics) = try read(Self.tracking, name: "MSGTRK2026050106-1.LOG")
        #expect(events.isEmpty)
        #expect(statistics.delivered == [.outbound: 1, .submission: 1, .inbound: 1])
    }

    @Test func anExchangeRefusalOnTheSubmissionPortIsOnTheSubmissionSide() throws {
        let (events, _) = try read(Self.receive, name: "RECV2026050106-1.LOG")
        #expect(events.map(\.side) == [.submission, .inbound])
        #expect(events.map(\.stage) == ["rcpt-to", "rcpt-to"])
    }
}

import Foundation
import Testing

@testable import SMTPDoctorCore

/// Warnings that delivery is only delayed are told from returned messages: their recipients are delays, labelled as
/// such, and the failure summary does not count them; a returned message is a failure whatever its reply's class.
@Suite struct DelayNoticeTests {
    private static let knowledgeBase = Result { try KnowledgeBase.load([.builtIn]) }

    private func events(of message: String) throws -> [FailureEvent] {
        try Fixtures.events(ofMessage: message, bounceWording: Self.knowledgeBase.get().bounceWording)
    }

    /// A plain-text warning laid out as Postfix's delay template lays it out, written for this test.
    private static let plainWarning = """
        Return-Path: <>
        From: MAILER-DAEMON@relay.example.net (Mail Delivery System)
        To: writer@example.org
        Subject: Delayed Mail (still being retried)

        This is the mail system at host relay.example.net.

        ####################################################################
        # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
        ####################################################################

        Your message could not be delivered for more than 4 hour(s).
        It will be retried until it is 5 day(s) old.

        <reader@example.com>: host mx.example.com[192.0.2.9] said: 451 4.3.0 Try again later (in
            reply to RCPT TO command)

        """

    @Test func aPlainTextWarningListsItsRecipientsAsDelayed() throws {
        let found = try events(of: Self.plainWarning)
        #expect(found.map(\.recipient) == ["reader@example.com"])
        #expect(found.map(\.status) == [.delayed])
    }

    /// A warning wrapped at another place than the phrase's words is still a warning.
    @Test func aWarningWrappedAcrossLinesIsStillAWarning() throws {
        let message = """
            Return-Path: <>
            From: Mail Delivery System <Mailer-Daemon@relay.example.net>
            To: writer@example.org
            Subject: Warning: message 1abc-000 delayed 24 hours

            This message was created automatically by mail delivery software.
            A message that you sent has not yet been delivered to one or more of
            its recipients after more than 24 hours on the queue on relay.example.net.

              reader@example.com
                Delay reason: SMTP error from remote mail server after RCPT TO:
                host mx.example.com [192.0.2.9]: 450 4.2.0 Mailbox busy

            """
        #expect(try events(of: message).map(\.status) == [.delayed])
    }

    /// qmail returns a message it gave up on with the last temporary reply: the message came back, so it failed.
    @Test func aReturnedMessageWithATemporaryReplyIsAFailure() throws {
        let message = """
            Return-Path: <>
            From: MAILER-DAEMON@relay.example.net
            To: writer@example.org
            Subject: failure notice

            Hi. This is the qmail-send program at relay.example.net.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.

            <reader@example.com>:
            Connected to 192.0.2.9 but sender was rejected.
            Remote host said: 451 4.3.0 Try again later
            I'm not going to try again; this message has been in the queue too long.

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["reader@example.com"])
        #expect(found.map(\.status) == [.bounced])
    }

    @Test func aDelayNoticeIsLabelledAndNotCountedAsAFailure() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.plainWarning.utf8).write(to: folder.appendingPathComponent("warning.eml"))
        var seen: [FailureEvent] = []
        let analysis = LogAnalyzer(engine: InferenceEngine(knowledgeBase: try Self.knowledgeBase.get())).run(
            [folder.path], onEvent: { event, _ in seen.append(event) })
        #expect(seen.map(\.status) == [.delayed])
        #expect(analysis.summary.total == 0)
        #expect(analysis.summary.groups.isEmpty)
        #expect(analysis.statistics.nonFailureMessages == [.delayNotice: 1])
    }
}

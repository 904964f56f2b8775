import Foundation
import SMTPDoctorCore
import Testing

/// Bounce structures that used to hide the failure: a media type whose parameters lost their `;`, 8-bit bodies
/// in a mislabelled charset, reports without a `Diagnostic-Code`, CR-only mbox files, postmaster recipients.
@Suite struct BounceStructureTests {
    private func events(in bytes: [UInt8], name: String = "bounce.eml") throws -> [FailureEvent] {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        var reader = LogReader()
        var events: [FailureEvent] = []
        reader.read(url.path) { events.append($0) }
        return events
    }

    private func events(of message: String) throws -> [FailureEvent] {
        try events(in: Array(message.utf8))
    }

    @Test func aCharsetFoldedOntoTheNextLineWithoutItsSemicolonKeepsThePartPlainText() throws {
        let message = """
            Return-Path: <>
            From: "Mail Deliver System" <MAILER-DAEMON>
            To: sender@example.org
            Content-Type: multipart/mixed; boundary="---b"

            -----b
            Content-Type: text/plain
               charset="us-ascii"

            ---The following addresses had delivery errors---

            gone@example.com [User unknown]

            -----b--

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["gone@example.com"])
        #expect(found.first?.text.contains("[User unknown]") == true)
    }

    @Test func eightBitBytesInAPartLabelledISO2022JPAreDecodedAsEUCJP() throws {
        let head = """
            Return-Path: <MAILER-DAEMON>
            From: Postmaster@mail.example.jp
            To: sender@example.org
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset="ISO-2022-JP"

            <gone@mail.example.jp>: 550 user unknown\n
            """
        // "送信" in EUC-JP: not valid UTF-8, and not ISO-2022-JP (which is 7-bit).
        let tail = "\n--b--\n"
        let found = try events(in: Array(head.utf8) + [0xC1, 0xF7, 0xBF, 0xAE] + Array(tail.utf8))
        let text = try #require(found.first?.text)
        #expect(text.contains("送信"))
        #expect(found.first?.recipient == "gone@mail.example.jp")
    }

    @Test func aRecipientWithoutDiagnosticCodeTakesTheHumanReadableExplanation() throws {
        let message = """
            From: MAILER-DAEMON@mx.example.net
            To: sender@example.org
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"

            --r
            Content-Type: text/plain

            An error has occurred while attempting to deliver a message for
            the following list of recipients:

            full@example.com: 552 5.2.2 Mailbox full

            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; full@example.com
            Action: failed
            Status: 5.0.0

            --r
            Content-Type: message/rfc822

            From: sender@example.org
            To: full@example.com
            Subject: returned text that must not be read as the explanation

            Hello.
            --r--

            """
        let found = try events(of: message)
        let text = try #require(found.first?.text)
        #expect(found.count == 1)
        // The unspecified status comes last, so that the specific 5.2.2 of the explanation is the code read.
        #expect(text.hasSuffix("\nStatus: 5.0.0"))
        #expect(text.contains("552 5.2.2 Mailbox full"))
        #expect(!text.contains("must not be read"))
    }

    @Test func anUnspecifiedStatusFollowsADiagnosticWithASpecificCode() throws {
        func message(status: String) -> String {
            """
            From: MAILER-DAEMON@mx.example.net
            To: sender@example.org
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"

            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; someone@example.com
            Action: failed
            Status: \(status)
            Diagnostic-Code: smtp; 550 5.7.1 Relaying denied

            --r--

            """
        }
        #expect(try events(of: message(status: "5.0.0")).map(\.text) == ["550 5.7.1 Relaying denied\nStatus: 5.0.0"])
        // The "other or undefined" status of any subject says no more than X.0.0 does.
        #expect(try events(of: message(status: "5.1.0")).map(\.text) == ["550 5.7.1 Relaying denied\nStatus: 5.1.0"])
        #expect(try events(of: message(status: "5.1.1")).map(\.text) == ["5.1.1 550 5.7.1 Relaying denied"])
        #expect(try events(of: message(status: "5.1.10")).map(\.text) == ["5.1.10 550 5.7.1 Relaying denied"])
    }

    @Test func anMboxWithCROnlyLineEndsIsSplitIntoItsMessages() throws {
        let mailbox = """
            From MAILER-DAEMON Thu Jul  2 12:05:05 2020
            Return-Path: <>
            From: MAILER-DAEMON@mx.example.net
            To: sender@example.org
            Subject: Undelivered Mail

            <one@example.com>: 550 5.1.1 User unknown

            From MAILER-DAEMON Thu Jul  2 12:06:05 2020
            Return-Path: <>
            From: MAILER-DAEMON@mx.example.net
            To: sender@example.org
            Subject: Undelivered Mail

            <two@example.com>: 552 5.2.2 Mailbox full

            """
        let bytes = Array(mailbox.utf8).map { $0 == 0x0A ? 0x0D : $0 }
        let found = try events(in: bytes, name: "mbox")
        #expect(found.map(\.recipient) == ["one@example.com", "two@example.com"])
        #expect(found.map(\.format) == [.mbox, .mbox])
    }

    @Test func aPostmasterAddressThatIsTheOnlyOneNamedIsTheRecipient() throws {
        let message = """
            Return-Path: <MAILER-DAEMON@mx.example.net>
            From: Delivery Notice <notice@mx.example.net>
            To: sender@example.org
            Subject: Returned mail

               ----- The following addresses had delivery problems -----
            postmaster@mail.example.com

               ----- Non-delivered information -----
            The number of messages in the recipient's mailbox exceeded the local limit.

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["postmaster@mail.example.com"])
    }

    @Test func aDaemonSignatureIsNotTakenForTheRecipientWhenAnotherAddressIsNamed() throws {
        let message = """
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
            To: sender@example.org
            Subject: Returned mail

            Delivery to gone@example.com failed permanently.
            Write to postmaster@mx.example.net for help.

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["gone@example.com"])
    }

    @Test func anMboxMessageAppendedWithoutAnEmptyLineStartsAtItsPostmark() throws {
        let mailbox = """
            From MAILER-DAEMON  Thu Jul  2 12:05:05 2020
            Return-Path: <>
            From: MAILER-DAEMON@mx.example.net
            To: sender@example.org
            Subject: Undelivered Mail

            <one@example.com>: 550 5.1.1 User unknown
            --closing-boundary--
            From double-bounce@mx.example.net  Thu Jul  2 12:06:05 2020
            Return-Path: <>
            From: MAILER-DAEMON@mx.example.net
            To: sender@example.org
            Subject: Undelivered Mail

            <two@example.com>: 552 5.2.2 Mailbox full
            From the desk of the sender: this line is not a postmark.

            """
        let found = try events(in: Array(mailbox.utf8), name: "mbox")
        #expect(found.map(\.recipient) == ["one@example.com", "two@example.com"])
        #expect(found.last?.text.contains("From the desk") == true)
    }

    @Test func aReportThatStartsItsRecipientLinesWithTheAddressNamesNoOtherRecipient() throws {
        let message = """
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
            To: sender@example.org
            Subject: Undelivered Mail Returned to Sender

            For help, write to <helpdesk@example.net>.

            This is the mail system at host mx.example.net.

            <gone@example.com>: host mx.example.com[192.0.2.7] said: 550 5.1.1
                <gone@example.com>: Recipient address rejected: User unknown
            <full@example.com> (expanded from <team@example.com>): host mx.example.com[192.0.2.7]
                said: 552 5.2.2 Mailbox full

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["gone@example.com", "full@example.com"])
        #expect(found.map { $0.text.contains("User unknown") } == [true, false])
        #expect(found.map { $0.text.contains("Mailbox full") } == [false, true])
    }

    @Test func aReportWithoutRecipientBlocksFailedTheReturnedMessagesAddressees() throws {
        let message = """
            Return-Path: <>
            From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
            To: sender@example.org
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"

            --r
            Content-Type: text/plain

            This is the mail system at host mx.example.org.

            Your message could not be delivered to one or more recipients.

            \t--- Delivery report unavailable ---

            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org
            Arrival-Date: Wed, 3 Jun 2026 08:00:00 +0000

            --r
            Content-Type: message/rfc822

            From: sender@example.org
            To: Friend <friend@example.com>, other@example.net
            Cc: friend@example.com
            Subject: Hello

            Hello.
            --r--

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["friend@example.com", "other@example.net"])
        #expect(found.first?.text.contains("Delivery report unavailable") == true)
    }

    @Test func aReportWithRecipientBlocksDoesNotTakeTheReturnedMessagesAddressees() throws {
        let message = """
            Return-Path: <>
            From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
            To: sender@example.org
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"

            --r
            Content-Type: text/plain

            Your message was delivered.

            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org

            Final-Recipient: rfc822; friend@example.com
            Action: delivered
            Status: 2.0.0

            --r
            Content-Type: message/rfc822

            From: sender@example.org
            To: friend@example.com
            Subject: Hello

            Hello.
            --r--

            """
        #expect(try events(of: message).isEmpty)
    }

    @Test func aStageTheFailureTextNamesInAReportsWordingIsTheEventsStage() throws {
        let message = """
            Return-Path: <>
            From: Mail Delivery System <Mailer-Daemon@relay.example.org>
            To: sender@example.org
            Subject: Mail delivery failed: returning message to sender

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              friend@example.com
                host mx.example.com [192.0.2.9]
                SMTP error from remote mail server after initial connection:
                550 Not now

            """
        let stagePhrases = [StagePhrase(phrase: "after initial connection", stage: "greeting")]
        let found = try Fixtures.events(ofMessage: message, stagePhrases: stagePhrases)
        #expect(found.map(\.recipient) == ["friend@example.com"])
        #expect(found.first?.stage == "greeting")
    }

    @Test func theAddressAFailedOneWasGeneratedFromIsNotARecipient() throws {
        let message = """
            Return-Path: <>
            From: Mail Delivery System <Mailer-Daemon@mx.example.net>
            To: sender@example.org
            Subject: Mail delivery failed: returning message to sender

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              forward@example.com
                (ultimately generated from alias@example.net)
                SMTP error from remote mail server after RCPT TO:<forward@example.com>:
                host mx.example.com [192.0.2.8]: 550 5.1.1 No such user

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["forward@example.com"])
        #expect(found.first?.text.contains("550 5.1.1") == true)
    }
}

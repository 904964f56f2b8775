import Foundation
import SMTPDoctorCore
import Testing

/// Bounce messages without a clean RFC 3464 report: line ends, plain-text bounces without a reply code, several
/// recipients, `X-Failed-Recipients`, report fields that lost their MIME part.
@Suite struct BounceReaderTests {
    private func events(of message: String, bytes transform: ([UInt8]) -> [UInt8] = { $0 }) throws -> [FailureEvent] {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bounce.eml")
        try Data(transform(Array(message.utf8))).write(to: url)
        var reader = LogReader()
        var events: [FailureEvent] = []
        reader.read(url.path) { events.append($0) }
        return events
    }

    private static let plainBounce = """
        Return-Path: <>
        From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
        To: sender@example.org
        Subject: Undelivered Mail
        Date: Fri, 01 May 2026 07:07:10 +0000

        A message that you sent could not be delivered to one or more of its recipients.
        The following address(es) failed:

          first@example.com
            retry timeout exceeded
          second@example.com
            550 5.1.1 <second@example.com>: Recipient address rejected: User unknown

        ------ This is a copy of the message, including all the headers. ------

        Return-path: <sender@example.org>
        From: sender@example.org
        To: first@example.com, second@example.com
        Subject: Hello

        Hello.

        """

    @Test func aDaemonBounceWithoutAReplyCodeGivesOneEventPerRecipientWithItsOwnText() throws {
        let found = try events(of: Self.plainBounce)
        #expect(found.map(\.recipient) == ["first@example.com", "second@example.com"])
        let second = try #require(found.last)
        #expect(second.text.hasPrefix("second@example.com\n    550 5.1.1"))
        #expect(second.status == .bounced)
        #expect(found.first?.text.contains("retry timeout exceeded") == true)
        #expect(found.first?.text.contains("550 5.1.1") == false)
    }

    @Test func crOnlyAndCRLFLineEndsReadLikeLF() throws {
        let lf = try events(of: Self.plainBounce)
        let crlf = try events(of: Self.plainBounce) { bytes in
            bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        }
        let cr = try events(of: Self.plainBounce) { bytes in bytes.map { $0 == 0x0A ? 0x0D : $0 } }
        #expect(lf.count == 2)
        #expect(crlf.map(\.recipient) == lf.map(\.recipient))
        #expect(cr.map(\.recipient) == lf.map(\.recipient))
        #expect(cr.map(\.text) == lf.map(\.text))
    }

    @Test func xFailedRecipientsNamesTheRecipients() throws {
        let message = """
            From: postmaster@mx.example.net
            To: sender@example.org
            X-Failed-Recipients: gone@example.com
            Subject: failure notice

            Sorry, your message to someone@example.com could not be delivered.

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["gone@example.com"])
    }

    @Test func aPersonalMessageWithoutAReplyCodeIsNotABounce() throws {
        let message = """
            From: Friend <friend@example.com>
            To: me@example.org
            Subject: lunch
            Date: Fri, 01 May 2026 07:07:10 +0000

            Ask bob@example.net whether he can come too.

            """
        #expect(try events(of: message).isEmpty)
    }

    @Test func reportFieldsOutsideTheirMIMEPartAreStillRead() throws {
        let message = """
            From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.edu>
            To: sender@example.org
            Subject: Returned mail
            Content-Type: multipart/report; report-type=delivery-status; boundary="lost"

            The original message could not be delivered.

            Reporting-MTA: dns; mx.example.edu

            Final-Recipient: RFC822; pipe@example.edu
            Action: failed
            Status: 5.5.0

            """
        let found = try events(of: message)
        #expect(found.count == 1)
        #expect(found.first?.recipient == "pipe@example.edu")
        // The report's own words are its only explanation, as for a report whose MIME structure holds.
        #expect(found.first?.text == "Status: 5.5.0\nThe original message could not be delivered.")
    }

    @Test func aBodyInAnotherCharsetIsDecoded() throws {
        let message = """
            From: MAILER-DAEMON@mx.example.ru
            To: sender@example.org
            Subject: Undelivered
            Content-Type: text/plain; charset=KOI8-R
            Content-Transfer-Encoding: quoted-printable

            full@example.ru: 552 5.2.2 =F1=DD=C9=CB=20=D0=C5=D2=C5=D0=CF=CC=CE=C5=CE

            """
        let found = try events(of: message)
        #expect(found.first?.text == "full@example.ru: 552 5.2.2 Ящик переполнен")
    }

    @Test func aBounceForwardedAsAnAttachmentIsRead() throws {
        let message = """
            From: Help Desk <helpdesk@example.org>
            To: admin@example.org
            Subject: Fwd: Delivery Status Notification
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: text/plain

            Can you look at this one?
            --outer
            Content-Type: message/rfc822

            From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
            To: helpdesk@example.org
            Subject: Delivery Status Notification (Failure)
            Content-Type: multipart/report; report-type=delivery-status; boundary="inner"

            --inner
            Content-Type: text/plain

            Your message was not delivered.
            --inner
            Content-Type: message/delivery-status

            Reporting-MTA: dns; googlemail.com

            Final-Recipient: rfc822; nobody@example.com
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.

            --inner--
            --outer--

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["nobody@example.com"])
        #expect(found.first?.text.hasPrefix("550 5.1.1") == true)
    }
}

/// A plain-text bounce without a delivery-status part gives each recipient the remote server, the SMTP command and
/// the date its text and header state.
@Suite struct PlainTextBounceDetailTests {
    @Test func theRemoteServerCommandAndDateOfAPlainTextBounceAreTaken() throws {
        let message = """
            From: MAILER-DAEMON@relay.example.org
            To: writer@example.org
            Subject: Undelivered Mail Returned to Sender
            Date: Tue, 2 Jun 2026 10:15:00 +0000

            I'm sorry to have to inform you that your message could not be delivered to one or more recipients.

            <reader@example.net>: host mx.example.net[192.0.2.5] said: 550 5.1.1 <reader@example.net>: Recipient
                address rejected: User unknown (in reply to RCPT TO command)

            """
        let knowledgeBase = try KnowledgeBase.load([.builtIn])
        let events = try Fixtures.events(ofMessage: message, stagePhrases: knowledgeBase.stagePhrases)
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.recipient == "reader@example.net")
        #expect(event.remoteHost == "mx.example.net")
        #expect(event.remoteIP == "192.0.2.5")
        #expect(event.time?.iso8601 == "2026-06-02T10:15:00")
        // The command is in the recipient's own text, which the diagnosis reads it from (the `stage` of a JSON line).
        var diagnoser = EventDiagnoser(engine: InferenceEngine(knowledgeBase: knowledgeBase))
        #expect(diagnoser.diagnose(event).stage == "rcpt-to")
    }
}

/// Notices of the fml mailing-list manager, in the form its source writes them: the notice to the list's maintainer,
/// then "Original mail as follows:" and the refused post with every line indented.
@Suite struct ListManagerNoticeTests {
    /// fml indents every line of the post, blank ones too, by three spaces.
    static let post = [
        "", "From: stranger@example.net", "To: team@lists.example.org", "Subject: Hello list", "",
        "Hello everyone.",
    ].map { "   " + $0 }.joined(separator: "\n")

    static let notice = """
        From: team-admin@lists.example.org
        To: team-admin@lists.example.org
        Subject: NOT MEMBER article from stranger@example.net (team ML)
        Date: Wed, 3 Jun 2026 08:00:00 +0000
        X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]
        Message-ID: <200606030800.FMLAAA0001.team@lists.example.org>

        Original mail as follows:
        \(post)

        """

    @Test func aNoticeOfTheListManagerNamesThePostsAddressAsTheFailedRecipient() throws {
        let events = try Fixtures.events(ofMessage: Self.notice)
        #expect(events.map(\.recipient) == ["team@lists.example.org"])
        #expect(events.first?.text.hasPrefix("NOT MEMBER article from stranger@example.net") == true)
        #expect(events.first?.time?.iso8601 == "2026-06-03T08:00:00")
        #expect(events.first?.status == .bounced)
    }

    @Test func aNoticeToThePosterWithoutThePostNamesTheListItRefused() throws {
        let notice = """
            From: team-admin@lists.example.org
            To: stranger@example.net
            Subject: You stranger@example.net are not member (team ML)
            Date: Wed, 3 Jun 2026 08:00:00 +0000
            X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]

            You are not a member of this mailing list <team@lists.example.org>.

            If you know the general guide of this list, please send mail with
            the mail body guide to the address team-ctl@lists.example.org

            """
        let events = try Fixtures.events(ofMessage: notice)
        #expect(events.map(\.recipient) == ["team@lists.example.org"])
        #expect(events.first?.text.hasPrefix("You stranger@example.net are not member (team ML)\nYou are not") == true)
    }

    @Test func withoutTheListManagersHeaderTheMarkerLineIsJustText() throws {
        let plain = Self.notice.replacingOccurrences(
            of: "X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]\n", with: "")
        #expect(try Fixtures.events(ofMessage: plain).isEmpty)
    }
}

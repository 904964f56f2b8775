import Foundation
import Testing

@testable import SMTPDoctorCore

/// Report layouts that name the recipient somewhere else than beside the failure: a multipart header folded without
/// white space, an envelope summary of `RCPT TO:` lines, the returned message's header pasted below the report, and
/// a DSN action that is not RFC 3464's.
@Suite struct BounceLayoutTests {
    private func events(of message: String) throws -> [FailureEvent] {
        try Fixtures.events(ofMessage: message)
    }

    @Test func aBoundaryOnTheLineAfterItsTypeWithoutIndentStillSplitsTheParts() throws {
        let message = """
            From: notices@gateway.example.net
            To: writer@example.org
            Subject: Re: Minutes
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative;
            boundary="inner"

            --inner
            Content-Type: text/plain; charset=us-ascii

            Error message below:
            550 - Requested action not taken: no such user here

            Message details:
              Subject: Minutes
              MAIL FROM: writer@example.org
              RCPT TO: absent@example.com
              From: colleague@example.org

            --inner--

            --outer--

            """
        let found = try events(of: message)
        // The envelope's RCPT TO names the recipient; the returned message's From: does not.
        #expect(found.map(\.recipient) == ["absent@example.com"])
        #expect(found.first?.text.contains("no such user here") == true)
    }

    @Test func aRecipientNamedOnlyInTheReturnedHeaderBelowTheReportIsFound() throws {
        let message = """
            Return-Path: <>
            From: Delivery Notices <notices@gateway.example.net>
            To: writer@example.org
            Subject: Undeliverable Message

            Your message could not be delivered.
            Error: the handset address does not exist

            Original Message:
            From: Writer <writer@example.org>
            To: 5550100@handsets.example.com
            Subject: Hello
            Date: Mon, 02 Mar 2026 10:00:00 +0000

            """
        #expect(try events(of: message).map(\.recipient) == ["5550100@handsets.example.com"])
    }

    @Test func aReportThatNamesTheRecipientBeforeItsQuotedHeaderKeepsOnlyThatOne() throws {
        let message = """
            Return-Path: <>
            From: MAILER-DAEMON@gateway.example.net
            To: writer@example.org
            Subject: Undeliverable Message

            Delivery to <absent@example.com> failed: 550 5.1.1 no such user.

            Original Message:
            From: Writer <writer@example.org>
            To: absent@example.com, other@example.com
            Subject: Hello

            """
        #expect(try events(of: message).map(\.recipient) == ["absent@example.com"])
    }

    @Test func anExpiredActionIsARecipientGivenUpAfterTheRetryPeriod() throws {
        let message = """
            From: MAILER-DAEMON@relay.example.net
            To: writer@example.org
            Subject: Undelivered Mail
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Your message could not be delivered in time.

            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.example.net

            Final-Recipient: rfc822; reader@example.com
            Action: expired
            Diagnostic-Code: smtp; Connection timed out

            --b--

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["reader@example.com"])
        #expect(found.map(\.status) == [.expired])
    }

    @Test func aFailedRecipientWithANetworkStatusExpiredWhetherAloneOrInAnMbox() throws {
        var diagnoser = EventDiagnoser(engine: InferenceEngine(knowledgeBase: try KnowledgeBase.load([.builtIn])))
        for format in [LogFormat.emailMessage, .mbox] {
            let event = FailureEvent(
                format: format, input: "returned", line: 1, time: nil, status: .bounced,
                recipient: "reader@example.com",
                text: "4.4.1 connect to mx.example.com[192.0.2.9]:25: Connection timed out",
                sample: "")
            #expect(diagnoser.diagnose(event).category == "expired", "\(format)")
        }
    }

    private func report(_ fields: String, human: String = "This is the mail system at relay.example.net.") -> String {
        """
        Return-Path: <>
        From: MAILER-DAEMON@relay.example.net (Mail Delivery System)
        To: writer@example.org
        Subject: Mail Delivery Status Report
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        \(human)

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.example.net

        \(fields)

        --b--

        """
    }

    @Test func aReportWhoseRecipientsWereAllDeliveredIsNoFailure() throws {
        let fields = """
            Final-Recipient: rfc822; reader@example.com
            Action: deliverable
            Status: 2.1.5
            Diagnostic-Code: smtp; 250 2.1.5 Ok
            """
        #expect(
            try events(of: report(fields, human: "Enclosed is the mail delivery report that you requested.")).isEmpty)
    }

    @Test func recipientBlocksWithoutAnEmptyLineBetweenAreTwoRecipients() throws {
        let fields = """
            Final-Recipient: rfc822; full@example.com
            Action: failed
            Status: 5.2.2
            Diagnostic-Code: smtp; 550 5.2.2 <full@example.com>... Mailbox Full
            Final-Recipient: rfc822; gone@example.com
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>... User Unknown
            """
        let found = try events(of: report(fields))
        #expect(found.map(\.recipient) == ["full@example.com", "gone@example.com"])
        #expect(found.map { $0.text.contains($0.recipient ?? "-") } == [true, true])
    }

    @Test func fieldsWrittenBeforeTheRecipientInAPastedReportBelongToIt() throws {
        let message = """
            Return-Path: <>
            From: postmaster@mail.example.net
            To: writer@example.org
            Subject: Delivery Notification: Delivery has failed

            Your message cannot be delivered to the following recipients:

              Recipient address: first@example.com

            Reporting-MTA: dns; mail.example.net

            Action: failed
            Status: 5.0.0 (rejected)
            Final-recipient: rfc822;first@example.com
            Diagnostic-code: smtp; 550 5.7.1 refused for first@example.com

            Action: failed
            Status: 5.0.0 (rejected)
            Final-recipient: rfc822;second@example.com
            Diagnostic-code: smtp; 550 5.7.1 refused for second@example.com

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["first@example.com", "second@example.com"])
        #expect(found.map(\.status) == [.bounced, .bounced])
    }

    @Test func anAutomaticReplyFromAPersonIsNoFailureButAPostmastersNoticeIs() throws {
        func message(from: String, body: String) -> String {
            """
            Return-Path: <>
            From: \(from)
            To: writer@example.org
            Subject: Re: Invoice
            Auto-Submitted: auto-replied

            \(body)

            """
        }
        let vacation = message(
            from: "Reader <reader@example.com>", body: "I am away until Monday; please write to desk@example.com.")
        #expect(try events(of: vacation).isEmpty)
        let notice = message(
            from: "postmaster@example.com",
            body: "Your message was rejected: the mailbox is full.\ntarget address: reader@example.com")
        #expect(try events(of: notice).map(\.recipient) == ["reader@example.com"])
    }

    @Test func aBounceForwardedInlineIsReadAsTheMessageItQuotes() throws {
        let message = """
            From: Writer <writer@example.org>
            To: helpdesk@example.org
            Subject: Fwd: Returned mail

            Could you look at this?

            Begin forwarded message:

            > From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>
            > To: <writer@example.org>
            > Subject: Returned mail: see transcript for details
            >
            >    ----- The following addresses had permanent fatal errors -----
            > <gone@example.com>
            >     (reason: 550 5.1.1 <gone@example.com>... User unknown)
            >
            > Final-Recipient: RFC822; gone@example.com
            > Action: failed
            > Status: 5.1.1
            > Diagnostic-Code: SMTP; 550 5.1.1 <gone@example.com>... User unknown
            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["gone@example.com"])
        #expect(found.first?.text.contains("User unknown") == true)
        // A forwarded ordinary message is no failure.
        let note = """
            From: Writer <writer@example.org>
            To: helpdesk@example.org
            Subject: Fwd: Lunch

            > From: Colleague <colleague@example.com>
            > To: writer@example.org
            > Subject: Lunch
            >
            > Tomorrow at noon?
            """
        #expect(try events(of: note).isEmpty)
    }

    @Test func deeplyNestedQuotingIsReadInBoundedTime() throws {
        var message = "From: Writer <writer@example.org>\nTo: helpdesk@example.org\nSubject: Fwd\n\n"
        for depth in 1...300 {
            let quote = String(repeating: "> ", count: depth)
            message += "\(quote)From: a@example.com\n\(quote)To: b@example.com\n\(quote)Subject: Fwd\n\(quote)\n"
        }
        #expect(try events(of: message).isEmpty)
    }

    @Test func xFailedRecipientsNamesTheRecipientEvenWhenItIsTheReplyTo() throws {
        let message = """
            Return-Path: <>
            X-Failed-Recipients: reader@example.com
            Reply-To: reader@example.com
            From: Mail Delivery System <MAILER-DAEMON@relay.example.org>
            To: writer@example.org
            Subject: Mail delivery failed: returning message to sender

            The following address(es) failed:

              save to /var/mail/reader
                generated by reader
                mailbox is full: retry timeout exceeded

            """
        #expect(try events(of: message).map(\.recipient) == ["reader@example.com"])
    }

    @Test func theReturnedMessagesQuotedAddressFieldsAreNotTheFailedRecipient() throws {
        let message = """
            From: System Administrator <postmaster@example.net>
            To: writer@example.org
            Subject: Undeliverable: Report

            Your message

              To:      team@example.net
              Subject: Report
              Sent:    Thu, 5 Mar 2026 10:00:00 -0400

            did not reach the following recipient(s):

            gone@example.com on Thu, 5 Mar 2026 10:00:05 -0400
                The recipient name is not recognized

            """
        #expect(try events(of: message).map(\.recipient) == ["gone@example.com"])
    }

    @Test func aReportInAMultipartWhoseBoundaryNeverAppearsKeepsItsExplanation() throws {
        let message = """
            From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
            To: writer@example.org
            Subject: Returned mail: Service unavailable
            Content-Type: multipart/report; report-type=delivery-status;
                boundary="never.used/relay.example.net"

               ----- Transcript of session follows -----
            mail.local: unknown user: reader
            554 <reader@example.net>... Service unavailable

            Reporting-MTA: dns; relay.example.net
            Arrival-Date: Thu, 5 Mar 2026 10:00:00 +0000

            Final-Recipient: RFC822; <reader@example.net>
            Action: failed
            Status: 5.5.0

            """
        let found = try events(of: message)
        #expect(found.map(\.recipient) == ["reader@example.net"])
        #expect(found.first?.text.contains("unknown user: reader") == true)
    }
}

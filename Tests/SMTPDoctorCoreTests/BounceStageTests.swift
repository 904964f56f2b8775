import Foundation
import Testing

@testable import SMTPDoctorCore

/// What a bounce says beside its diagnostic code: the SMTP command of a Sendmail transcript or of the report's
/// wording, and the wording only bounces use.
@Suite struct BounceStageTests {
    private func events(of message: String) throws -> [FailureEvent] {
        let knowledgeBase = try KnowledgeBase.load([.builtIn])
        return try Fixtures.events(
            ofMessage: message, stagePhrases: knowledgeBase.stagePhrases, bounceWording: knowledgeBase.bounceWording)
    }

    private func report(human: String, status: String, diagnostic: String) -> String {
        """
        From: MAILER-DAEMON@relay.example.net
        To: writer@example.org
        Subject: Returned mail
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        \(human)

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.example.net

        Final-Recipient: rfc822; reader@example.com
        Action: failed
        Status: \(status)
        Diagnostic-Code: smtp; \(diagnostic)

        --b--

        """
    }

    @Test func aSendmailTranscriptGivesTheCommandTheReplyAnswered() throws {
        let human = """
            ----- Transcript of session follows -----
            ... while talking to mx.example.com.:
            >>> MAIL From:<writer@example.org> SIZE=120
            <<< 250 2.1.0 Sender ok
            >>> RCPT To:<reader@example.com>
            <<< 550 5.1.1 Mailbox unknown here
            """
        let found = try events(of: report(human: human, status: "5.1.1", diagnostic: "550 5.1.1 Mailbox unknown here"))
        #expect(found.map(\.stage) == ["rcpt-to"])
    }

    @Test func aRefusalAfterTheDataIntermediateReplyIsAtTheEndOfData() {
        let transcript = ">>> DATA\n<<< 354 go ahead\n>>> .\n<<< 554 5.7.1 refused"
        #expect(BounceStage.transcriptStage(transcript) == "end-of-data")
        #expect(BounceStage.transcriptStage(">>> DATA\n<<< 554 5.5.1 no valid recipients") == "data")
        #expect(BounceStage.transcriptStage("<<< 554 5.7.1 refused") == nil)
    }

    @Test func theReportsWordingNamesTheCommandWhenTheDiagnosticDoesNot() throws {
        let human = "The mail server at mx.example.com did not like our MAIL FROM for this message."
        let found = try events(of: report(human: human, status: "5.7.1", diagnostic: "550 5.7.1 Not allowed"))
        #expect(found.map(\.stage) == ["mail-from"])
        let stages = BounceStage(phrases: try KnowledgeBase.load([.builtIn]).stagePhrases)
        #expect(stages.stage(in: "no command named here") == nil)
        #expect(stages.stage(in: "Connected to 192.0.2.7 but sender was rejected.") == "mail-from")
        #expect(stages.stage(in: "lost connection with mx.example.com while sending end of data") == "end-of-data")
    }

    private func returned(_ explanation: String) -> String {
        """
        From: notices@carrier.example.net
        To: writer@example.org
        Subject: Returned
        Content-Type: multipart/mixed; boundary="m"

        --m
        Content-Type: text/plain

        \(explanation)

        --m
        Content-Type: message/rfc822

        From: writer@example.org
        To: reader@example.com
        Subject: Hello

        Hello.
        --m--

        """
    }

    @Test func aReportFromAnOrdinaryAddressThatReturnsTheMessageIsABounceWhenItSaysSo() throws {
        let bounce = try events(
            of: returned("Your mail could not be delivered to: <reader@example.com>\nThe mailbox is full."))
        #expect(bounce.map(\.recipient) == ["reader@example.com"])
        // A forwarded message with a note is not a report of a failure.
        #expect(try events(of: returned("Have a look at <reader@example.com>'s message below.")).isEmpty)
    }

    @Test func bounceWordingIsReadWithTheCategoryItsSMTPWordingWouldHave() throws {
        var diagnoser = EventDiagnoser(engine: InferenceEngine(knowledgeBase: try KnowledgeBase.load([.builtIn])))
        func category(_ text: String) -> String? {
            let event = FailureEvent(
                format: .emailMessage, input: "bounce.eml", line: 1, time: nil, status: .bounced,
                recipient: "reader@example.com", text: text, sample: text)
            return diagnoser.diagnose(event).category
        }
        #expect(category("550 5.2.1 <reader@example.com>... User unknown") == "recipient")
        #expect(category("554 delivery error: this account is locked") == "mailbox")
        #expect(category("User mailbox exceeds allowed size: reader@example.com") == "mailbox")
        #expect(
            category("554 reader@example.net... 550 Host unknown (Name server: example.net: host not found)") == "dns")
        #expect(category("Giving up. This message has been in the queue too long.") == "expired")
        #expect(category("554 Message refused: denied by policy") == "content")
        #expect(
            category("<reader@example.com>: Connected to 192.0.2.7 but sender was rejected.\nRemote host said: 553 no")
                == "sender")
        #expect(category("554 The domain is not reachable. Please check the domain and try again") == "dns")
        #expect(
            category("pipe to |/usr/local/bin/filter reader@example.com\n  generated by reader@example.com") == "server"
        )
        // A final failure with a temporary network status: the queue gave up after connection timeouts.
        #expect(category("4.4.1 connect to mx.example.com[192.0.2.9]:25: Connection timed out") == "expired")
        #expect(category("User J. Doe (reader@example.com) not listed in Domino Directory") == "recipient")
        let group = diagnoser.diagnose(
            FailureEvent(
                format: .emailMessage, input: "bounce.eml", line: 1, time: nil, status: .bounced,
                recipient: "team@example.com", text: "Your post was held: post by non-member to a members-only list",
                sample: ""))
        #expect(group.diagnosisID == "sender.recipient-restricts-senders")
    }
}

import Foundation
import Testing

@testable import SMTPDoctorCore

/// The words that tell automatic replies and undelivered-mail reports apart, loaded from `bounce-wording.yaml`, and
/// the bounce reader that uses them.
@Suite struct BounceWordingLoadingTests {
    @Test func phrasesAreSortedByWhatTheyMeanInFileOrder() throws {
        let phrases = """
            - { phrase: "automatic reply:", means: auto-reply-subject }
            - { phrase: "was not delivered", means: undelivered }
            - { phrase: "out of office", means: auto-reply-subject }
            """
        let knowledgeBase = try TestKnowledge.load(["bounce-wording.yaml": phrases])
        #expect(
            knowledgeBase.bounceWording
                == BounceWording(
                    autoReplySubjects: ["automatic reply:", "out of office"], undeliveredPhrases: ["was not delivered"])
        )
    }

    @Test func anUnknownMeaningOrAnUpperCasePhraseIsReportedAtItsLine() {
        let phrases = """
            - { phrase: "automatic reply:", means: auto-reply-subject }
            - { phrase: "on vacation", means: vacation }
            - { phrase: "Out of Office", means: auto-reply-subject }
            """
        #expect(
            TestKnowledge.problems(["bounce-wording.yaml": phrases]) == [
                "Rules/bounce-wording.yaml:2: bounce phrase 'on vacation': 'vacation' is not a meaning; use one of: "
                    + "auto-reply-subject, undelivered, delay-warning, reply-quote",
                "Rules/bounce-wording.yaml:3: bounce phrase 'Out of Office' must be non-empty lower-case text",
            ])
    }

    /// A reply from a person's address whose subject only the wording marks as automatic, and a report from an
    /// ordinary address that returns the message and says only in words that it was not delivered.
    @Test func theBounceReaderUsesTheWordingItIsGiven() throws {
        let reply = MIMEEntity(
            """
            From: Ann Example <ann@example.org>
            To: bob@example.com
            Subject: Gone fishing: back on Monday

            I am away until Monday.

            """[...])
        let wording = BounceWording(autoReplySubjects: ["gone fishing:"], undeliveredPhrases: ["never got through"])
        #expect(!BounceMessageParser(input: "-").isAutoReply(reply))
        #expect(BounceMessageParser(input: "-", wording: wording).isAutoReply(reply))

        let report = """
            From: Mail Gateway <gateway@example.org>
            To: bob@example.com
            Subject: Returned
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            Your message to carol@example.net never got through.
            --b
            Content-Type: message/rfc822

            From: bob@example.com
            To: carol@example.net
            Subject: Hello

            Hi
            --b--
            """
        #expect(try Fixtures.events(ofMessage: report).isEmpty)
        let events = try Fixtures.events(ofMessage: report, bounceWording: wording)
        #expect(events.map(\.recipient) == ["carol@example.net"])
    }

    /// A provider's report that quotes the remote server's reply after a reply-quote phrase: the reply is the
    /// failure text, without the report's framing words, and the server the report names stays the remote server.
    @Test func aQuotedReplyIsTheFailureTextWithoutTheReportsFrame() throws {
        let report = """
            From: Mail Delivery Subsystem <mailer-daemon@relay.example.org>
            To: bob@example.com
            Subject: Delivery Status Notification (Failure)

            Delivery to the following recipient failed permanently:

                 carol@example.net

            Technical details of permanent failure:
            The relay tried to deliver your message, but it was refused by mx.example.net. [192.0.2.7].
            The server said, in its own words: 552 5.2.2 <carol@example.net>: quota exceeded

            ----- Original message -----

            """
        let wording = BounceWording(replyQuotePhrases: ["the server said, in its own words:"])
        let framed = try Fixtures.events(ofMessage: report)
        #expect(framed.first?.text.contains("Technical details of permanent failure") == true)
        let events = try Fixtures.events(ofMessage: report, bounceWording: wording)
        #expect(events.map(\.recipient) == ["carol@example.net"])
        #expect(events.first?.text == "552 5.2.2 <carol@example.net>: quota exceeded")
        #expect(events.first?.remoteIP == "192.0.2.7")
        #expect(wording.quotedReply(in: "The server said, in its own words:\n\n") == nil)
    }

    @Test func theBuiltInWordingSurvivesTheImage() throws {
        let fromImage = try KnowledgeBase.load([.builtIn])
        #expect(fromImage.bounceWording.autoReplySubjects.contains("automatic reply:"))
        #expect(fromImage.bounceWording.undeliveredPhrases.contains("could not be delivered"))
        #expect(!fromImage.bounceWording.replyQuotePhrases.isEmpty)
        #expect(KnowledgeBase(image: fromImage.image)?.bounceWording == fromImage.bounceWording)
    }
}

import Testing

@testable import SMTPDoctorCore

@Suite struct RecipientParagraphsTests {
    static let region = """
        This message could not be delivered to all of its recipients.

        <Ann@Example.org>: host mx.example.org[192.0.2.1] said:
            550 5.1.1 mailbox unavailable
        bob@example.net: connection timed out
          after 30 seconds
        Ünïcode line about nobody
        CAROL@example.com
        """

    @Test func preambleIsWhatComesBeforeTheFirstRecipient() {
        let paragraphs = RecipientParagraphs(
            region: Self.region, recipients: ["ann@example.org", "Bob@Example.net", "carol@example.com"])
        #expect(paragraphs.preamble == "This message could not be delivered to all of its recipients.")
    }

    @Test func eachRecipientGetsItsLinesUpToTheNextRecipientInAnyCase() {
        let recipients = ["ann@example.org", "Bob@Example.net", "carol@example.com"]
        let paragraphs = RecipientParagraphs(region: Self.region, recipients: recipients)
        #expect(
            paragraphs.paragraph(about: "ann@example.org")
                == "<Ann@Example.org>: host mx.example.org[192.0.2.1] said:\n    550 5.1.1 mailbox unavailable")
        #expect(
            paragraphs.paragraph(about: "Bob@Example.net")
                == "bob@example.net: connection timed out\n  after 30 seconds\nÜnïcode line about nobody")
        #expect(paragraphs.paragraph(about: "carol@example.com") == "CAROL@example.com")
    }

    @Test func recipientNamedNowhereIsItsOwnParagraph() {
        let paragraphs = RecipientParagraphs(region: Self.region, recipients: ["dave@example.org"])
        #expect(paragraphs.paragraph(about: "dave@example.org") == "dave@example.org")
        #expect(paragraphs.preamble == BounceMessageParser.trimmingWhitespace(Self.region))
    }

    @Test func oneRecipientsParagraphRunsToTheEndOfTheRegion() {
        let paragraphs = RecipientParagraphs(region: Self.region, recipients: ["bob@example.net"])
        #expect(paragraphs.paragraph(about: "bob@example.net").hasSuffix("CAROL@example.com"))
    }
}

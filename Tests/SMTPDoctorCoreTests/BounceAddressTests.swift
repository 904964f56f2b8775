import Testing

@testable import SMTPDoctorCore

/// The addresses a bounce's text names, as the reader takes them out of its words.
@Suite struct BounceAddressTests {
    @Test func addressesAreTakenOutOfTheirPunctuationInOrder() {
        let text = """
            <reader@example.com>: host mx.example.com[192.0.2.9] said: 550 5.1.1 "other@example.net"... unknown
            (see postmaster@example.net.) and `quoted@example.org`;\r\nlast@example.co.jp, done
            """
        #expect(
            BounceMessageParser.addresses(in: text) == [
                "reader@example.com", "other@example.net", "postmaster@example.net", "quoted@example.org",
                "last@example.co.jp",
            ])
    }

    @Test func wordsThatAreNotAddressesAreLeftOut() {
        let text = "@example.com user@localhost user@ @ example.com a@b@c.example x@[192.0.2.1] ümlaut@exämple.de"
        #expect(BounceMessageParser.addresses(in: text) == ["ümlaut@exämple.de"])
    }
}

import Testing

@testable import SMTPDoctorCore

@Suite struct ErrorTextParserTests {
    private func facts(_ text: String) -> [String: FactValue] {
        Dictionary(ErrorTextParser().parse(text).facts.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func replyLineGivesCodeEnhancedCodeAndText() {
        let found = facts("535 5.7.8 Authentication credentials invalid")
        #expect(found["reply.code"] == .int(535))
        #expect(found["reply.enhanced"] == .string("5.7.8"))
        #expect(found["reply.text"] == .string("Authentication credentials invalid"))
        #expect(found["error.format"] == .string("smtp-reply"))
    }

    @Test func bareBasicCode() {
        let found = facts("421")
        #expect(found["reply.code"] == .int(421))
        #expect(found["reply.enhanced"] == nil)
        #expect(found["error.format"] == .string("bare-code"))
    }

    @Test func bareEnhancedCode() {
        let found = facts("5.7.64")
        #expect(found["reply.enhanced"] == .string("5.7.64"))
        #expect(found["reply.code"] == nil)
        #expect(found["error.format"] == .string("bare-code"))
    }

    @Test func multilineReplyKeepsEveryLine() {
        let text = """
            535-5.7.8 Username and Password not accepted. For more information, go to
            535 5.7.8  https://support.google.com/mail/?p=BadCredentials
            """
        let found = facts(text)
        #expect(found["reply.code"] == .int(535))
        #expect(found["reply.enhanced"] == .string("5.7.8"))
        let replyText = try? #require(found["reply.text"]?.stringValue)
        #expect(replyText?.contains("not accepted") == true)
        #expect(replyText?.contains("BadCredentials") == true)
    }

    @Test func postfixLogGivesStageAndRemoteHost() {
        let text = """
            Nov 23 09:10:11 relay postfix/smtp[4242]: 3F2A1C0: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, \
            status=bounced (host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address \
            rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))
            """
        let found = facts(text)
        #expect(found["reply.code"] == .int(550))
        #expect(found["reply.enhanced"] == .string("5.1.1"))
        #expect(found["smtp.stage"] == .string("rcpt-to"))
        #expect(found["remote.host"] == .string("mx.example.com"))
        #expect(found["remote.ip"] == .string("203.0.113.7"))
        #expect(found["error.format"] == .string("postfix-log"))
    }

    @Test func ndrExcerptIsRecognised() {
        let found = facts("Remote Server returned '550 5.7.1 Unable to relay'")
        #expect(found["reply.code"] == .int(550))
        #expect(found["reply.enhanced"] == .string("5.7.1"))
        #expect(found["reply.text"] == .string("Unable to relay"))
        #expect(found["error.format"] == .string("ndr"))
    }

    @Test func exchangeProtocolLogLineGivesTheReplyOfItsDataField() {
        let text =
            "2026-05-01T06:07:12.101Z,CMHYBD01\\Outbound to Office 365,08DEA74796A6E2D1,7,192.168.1.4:51234,"
            + "52.101.40.5:25,<,535 5.7.139 Authentication unsuccessful,"
        let found = facts(text)
        #expect(found["reply.code"] == .int(535))
        #expect(found["reply.enhanced"] == .string("5.7.139"))
        #expect(found["error.format"] == .string("exchange-protocol-log"))
    }

    @Test func pythonExceptionGivesCodeFromTheTuple() {
        let found = facts("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted.')")
        #expect(found["reply.code"] == .int(535))
        #expect(found["reply.enhanced"] == .string("5.7.8"))
    }

    @Test func clientLibraryTranscriptsGiveTheCode() {
        #expect(facts("Error: Invalid login: 535 Authentication failed")["reply.code"] == .int(535))
        #expect(
            facts("2026-11-23 09:00:01 SERVER -> CLIENT: 535 Incorrect authentication data")["reply.code"] == .int(535))
    }

    @Test func dotNetMessageWithOnlyAnEnhancedCode() {
        let found = facts("Mailbox unavailable. The server response was: 5.7.1 Unable to relay")
        #expect(found["reply.enhanced"] == .string("5.7.1"))
    }

    @Test func clientExceptionWithoutCodeIsText() {
        let found = facts("java.net.ConnectException: Connection refused (Connection refused)")
        #expect(found["reply.code"] == nil)
        #expect(found["error.format"] == .string("text"))
        #expect(found["error.text"] == .string("java.net.ConnectException: Connection refused (Connection refused)"))
    }

    @Test func portNumbersAndAddressesAreNotTakenForCodes() {
        let found = facts("Could not connect to SMTP host: smtp.example.com, port: 465; timeout 30000; via 10.5.1.1")
        #expect(found["reply.code"] == nil)
        #expect(found["reply.enhanced"] == nil)
        #expect(found["remote.host"] == .string("smtp.example.com"))
    }

    @Test func emptyTextGivesNoFacts() {
        #expect(ErrorTextParser().parse("   \n ").facts.isEmpty)
    }

    @Test func hugeInputIsCutNotRejected() {
        let text = "550 5.1.1 " + String(repeating: "x", count: ErrorTextParser.maximumLength * 2)
        let found = facts(text)
        #expect(found["reply.code"] == .int(550))
        #expect((found["error.text"]?.stringValue?.count ?? 0) <= ErrorTextParser.maximumLength)
    }

    @Test func everyFactCarriesTheGivenSource() {
        let observation = ErrorTextParser().parse("550 5.1.1 unknown", source: FactSource(.errorText, "2"))
        #expect(observation.facts.allSatisfy { $0.source == FactSource(.errorText, "2") })
    }
}

import SMTPDoctorProbes
import Testing

@Suite struct SMTPReplyDecoderTests {
    @Test func multilineEHLOKeepsEveryCapability() throws {
        var decoder = SMTPReplyDecoder()
        #expect(try decoder.decode(line: "250-mail.example.com Hello") == nil)
        #expect(try decoder.decode(line: "250-STARTTLS\r") == nil)
        let reply = try #require(try decoder.decode(line: "250 AUTH=PLAIN LOGIN"))
        #expect(reply.code == 250)
        #expect(reply.lines == ["mail.example.com Hello", "STARTTLS", "AUTH=PLAIN LOGIN"])
        let capabilities = EHLOCapabilities(reply)
        #expect(capabilities.startTLS)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN"])
    }

    @Test func enhancedCodeIsReadFromTheFirstLine() throws {
        var decoder = SMTPReplyDecoder()
        let reply = try #require(try decoder.decode(line: "535 5.7.8 Error: authentication failed"))
        #expect(reply.enhanced == "5.7.8")
        #expect(reply.text == "Error: authentication failed")
    }

    @Test func tooManyLinesAreRefused() throws {
        var decoder = SMTPReplyDecoder(limits: .init(maximumLineLength: 100, maximumLines: 3))
        _ = try decoder.decode(line: "250-a")
        _ = try decoder.decode(line: "250-b")
        _ = try decoder.decode(line: "250-c")
        #expect(throws: SMTPReplyDecoder.Problem.tooManyLines(limit: 3)) { try decoder.decode(line: "250-d") }
    }

    @Test func longLinesAndGarbageAreRefused() {
        var decoder = SMTPReplyDecoder(limits: .init(maximumLineLength: 10, maximumLines: 3))
        #expect(throws: SMTPReplyDecoder.Problem.lineTooLong(limit: 10)) {
            try decoder.decode(line: "220 " + String(repeating: "x", count: 20))
        }
        var other = SMTPReplyDecoder()
        #expect(throws: SMTPReplyDecoder.Problem.malformed("HTTP/1.1 400")) { try other.decode(line: "HTTP/1.1 400") }
    }

    @Test func authCommandsAreRedactedInTheTranscript() {
        #expect(SMTPCommand.auth(.plain, initialResponse: Secret("AHVzZXIAcHc=")).transcript == "AUTH PLAIN <redacted>")
        #expect(SMTPCommand.authResponse(Secret("cHc=")).transcript == "<redacted>")
        #expect(SMTPCommand.auth(.login, initialResponse: nil).transcript == "AUTH LOGIN")
    }
}

@Suite struct SMTPCommandTests {
    @Test func transcriptKeepsTheWholeCommand() {
        #expect(SMTPCommand.ehlo("client.example.com").transcript == "EHLO client.example.com")
        #expect(SMTPCommand.startTLS.transcript == "STARTTLS")
        #expect(SMTPCommand.rcptTo("a@example.org").transcript == "RCPT TO:<a@example.org>")
    }
}

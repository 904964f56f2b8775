import Testing

@testable import SMTPDoctorDNS

/// The message codec on hand-made bytes: well-formed answers and every kind of hostile input.
@Suite struct DNSMessageDecoderTests {
    /// A response header: id 0x1234, QR RD RA, NOERROR, with the given counts.
    private func header(questions: UInt16 = 1, answers: UInt16, flags: UInt16 = 0x8180) -> [UInt8] {
        [0x12, 0x34, UInt8(flags >> 8), UInt8(flags & 0xFF), UInt8(questions >> 8), UInt8(questions & 0xFF)]
            + [UInt8(answers >> 8), UInt8(answers & 0xFF), 0, 0, 0, 0]
    }

    /// `example.com`, type, class IN.
    private let question: [UInt8] = [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0, 0, 15, 0, 1]

    @Test func queryCarriesTheQuestionAndAnEDNS0Record() throws {
        let bytes = DNSMessage.query(id: 0xBEEF, name: try DNSName("example.com"), type: .mx)
        #expect(Array(bytes[0..<2]) == [0xBE, 0xEF])
        #expect(bytes[2] & 0x01 == 0x01, "RD is set")
        #expect(Array(bytes[10..<12]) == [0, 1], "one additional record")
        #expect(Array(bytes[12..<(12 + question.count)]) == question)
        let opt = Array(bytes[(12 + question.count)...])
        #expect(opt == [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0], "OPT offering 1232 bytes")
    }

    @Test func compressedMXAnswerDecodes() throws {
        // Answer: pointer to example.com (offset 12), MX, IN, TTL 300, preference 10, "mx" + pointer.
        let answer: [UInt8] = [0xC0, 12, 0, 15, 0, 1, 0, 0, 1, 44, 0, 7, 0, 10, 2] + Array("mx".utf8) + [0xC0, 12]
        let message = try DNSMessageDecoder.decode(header(answers: 1) + question + answer)
        #expect(message.id == 0x1234)
        #expect(message.responseCode == .noError)
        let record = try #require(message.answers.first)
        #expect(record.data == .mx(preference: 10, exchange: try DNSName("mx.example.com")))
        #expect(record.ttl == 300)
    }

    @Test func txtRecordJoinsItsStrings() throws {
        let answer: [UInt8] =
            [0xC0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 8, 3] + Array("abc".utf8) + [3] + Array("def".utf8)
        let message = try DNSMessageDecoder.decode(header(answers: 1) + question + answer)
        #expect(message.answers.first?.text == "abcdef")
    }

    @Test func compressionLoopIsRefused() {
        // The answer's name points at itself.
        let answer: [UInt8] = [0xC0, UInt8(12 + question.count), 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode(header(answers: 1) + question + answer) }
    }

    @Test func forwardPointerIsRefused() {
        let answer: [UInt8] = [0xC0, 200, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode(header(answers: 1) + question + answer) }
    }

    @Test func countsLargerThanTheMessageAreRefused() {
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode(header(answers: 60000) + question) }
    }

    @Test func recordDataPastTheEndIsRefused() {
        let answer: [UInt8] = [0xC0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0xFF, 0xFF, 3] + Array("abc".utf8)
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode(header(answers: 1) + question + answer) }
    }

    @Test func txtStringLongerThanItsRecordIsRefused() {
        let answer: [UInt8] = [0xC0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 4, 200] + Array("abc".utf8)
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode(header(answers: 1) + question + answer) }
    }

    @Test func addressOfTheWrongLengthIsRefused() {
        let answer: [UInt8] = [0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 3, 192, 0, 2]
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode(header(answers: 1) + question + answer) }
    }

    @Test func shortAndEmptyInputsAreRefused() {
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode([]) }
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode([0x12, 0x34, 0x81]) }
    }

    @Test func truncationAndAuthenticationFlagsAreRead() throws {
        let message = try DNSMessageDecoder.decode(header(answers: 0, flags: 0x83A3) + question)
        #expect(message.isTruncated)
        #expect(message.isAuthenticated)
        #expect(message.responseCode == .nameError)
    }

    @Test func overlongNamesAndLabelsAreRefused() {
        #expect(throws: DNSNameError.self) { try DNSName(String(repeating: "a", count: 64) + ".com") }
        #expect(throws: DNSNameError.self) {
            try DNSName(Array(repeating: "abcdefghi", count: 30).joined(separator: "."))
        }
        #expect(throws: DNSNameError.self) { try DNSName("bad..example") }
        #expect(throws: DNSNameError.self) { try DNSName("white space.example") }
    }
}

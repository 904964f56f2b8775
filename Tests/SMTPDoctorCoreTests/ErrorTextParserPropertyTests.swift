import PropertyBased
import Testing

@testable import SMTPDoctorCore

/// The code parser on generated texts: whatever it is given it returns, and it finds a reply wherever it is written.
@Suite struct ErrorTextParserPropertyTests {
    private func facts(_ text: String) -> [String: FactValue] {
        Dictionary(ErrorTextParser().parse(text).facts.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// Words of letters only, so that no generated text holds a code of its own.
    private let words = Gen<Character>.letter.string(of: 1...12).array(of: 1...8).map { $0.joined(separator: " ") }
    private let replyCode = Gen.int(in: 4...5).map { $0 * 100 }
    private let detail = Gen.int(in: 0...50)

    @Test func anyTextGivesItsCollapsedSelfAsErrorText() async {
        let text = Gen<Character>.latin1.string(of: 0...600)
        await propertyCheck(count: 400, input: text) { text in
            let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let found = facts(text)
            #expect(found["error.text"] == (collapsed.isEmpty ? nil : .string(collapsed)))
            #expect((found["error.format"] == nil) == collapsed.isEmpty)
        }
    }

    @Test func controlCharactersAndUnusualScalarsNeverStopTheParser() async {
        let scalars = Gen<UnicodeScalar>.unicodeScalar(in: "\u{0}"..."\u{2FFF}").map(Character.init).string(of: 0...300)
        await propertyCheck(count: 300, input: scalars, words) { noise, words in
            let found = facts(noise + " said: 451 4.3.0 " + words)
            #expect(found["error.text"] != nil)
        }
    }

    @Test func replyEmbeddedInTextIsFound() async {
        await propertyCheck(count: 400, input: words, replyCode, detail, words) { before, base, detail, after in
            let code = base + detail % 54
            let enhanced = "\(base / 100).\(detail % 8).\(detail)"
            let found = facts("\(before) said: \(code) \(enhanced) \(after)")
            #expect(found["reply.code"] == .int(code))
            #expect(found["reply.enhanced"] == .string(enhanced))
        }
    }

    @Test func replyLineRoundTrips() async {
        await propertyCheck(count: 400, input: replyCode, detail, words) { base, detail, text in
            let code = base + detail % 54
            let enhanced = "\(base / 100).\(detail % 8).\(detail)"
            let found = facts("\(code) \(enhanced) \(text)")
            #expect(found["reply.code"] == .int(code))
            #expect(found["reply.enhanced"] == .string(enhanced))
            #expect(found["reply.text"] == .string(text))
        }
    }

    @Test func multilineReplyRoundTripsWithEveryLine() async {
        let lines = words.array(of: 1...5)
        await propertyCheck(count: 300, input: replyCode, detail, lines) { base, detail, lines in
            let code = base + detail % 54
            let enhanced = "\(base / 100).\(detail % 8).\(detail)"
            let wire = lines.enumerated().map { index, line in
                "\(code)\(index == lines.count - 1 ? " " : "-")\(enhanced) \(line)"
            }
            let found = facts(wire.joined(separator: "\n"))
            #expect(found["reply.code"] == .int(code))
            #expect(found["reply.enhanced"] == .string(enhanced))
            #expect(found["reply.text"] == .string(lines.joined(separator: " ")))
        }
    }
}

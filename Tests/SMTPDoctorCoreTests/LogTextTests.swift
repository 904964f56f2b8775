import Foundation
import Testing

@testable import SMTPDoctorCore

/// The log reader's byte-level helpers give what the character-level code they replaced gives, on ASCII lines and on
/// lines where a delimiter is followed by a combining mark or preceded by non-ASCII text.
@Suite struct LogTextTests {
    /// Pieces of Postfix, Sendmail and Exim records, with delimiters next to non-ASCII characters among them.
    static let lines: [Substring] = {
        let pieces = [
            "relay=", "to=<", "from=<", ">", "<", "bob@example.com", "mx.example.com", "[203.0.113.7]", ":25", ",",
            ";", " ", "  ", "\t", "[", "]", "unknown", "none", "UNKNOWN", "Mx.Example.COM.", "mx.example.com. ",
            "[]", "é", "e\u{301}", ",\u{301}", " \u{301}", "[\u{301}", "]\u{301}", ">\u{301}", "\u{600},", "\r\n",
            "bücher.example", "ß", "ﬁ", "\u{212A}elvin.example", "dsn=5.1.1", "status=bounced", "x", ".",
        ]
        var generator = SeededGenerator(seed: 23)
        var lines = pieces.map { Substring($0) }
        for _ in 0..<3_000 {
            var line = ""
            for _ in 0..<Int.random(in: 1...9, using: &generator) {
                line += pieces[Int.random(in: pieces.indices, using: &generator)]
            }
            lines.append(Substring(line))
        }
        return lines
    }()

    @Test func angledValuesAreWhatTheCharacterReadingGives() {
        for line in Self.lines {
            for key in ["to=", "from="] {
                #expect(LogText.angled(after: key, in: line) == Reference.angled(after: key, in: line), "\(line)")
            }
        }
    }

    @Test func tokensAreWhatTheCharacterReadingGives() {
        for line in Self.lines {
            #expect(LogText.token(after: "relay=", in: line) == Reference.token(after: "relay=", in: line), "\(line)")
        }
    }

    @Test func hostsAndAddressesAreWhatTheCharacterReadingGives() {
        for line in Self.lines {
            let fast = LogText.hostAndAddress(line)
            let reference = Reference.hostAndAddress(line)
            #expect(fast.host == reference.host && fast.ip == reference.ip, "\(line)")
        }
    }

    @Test func samplesAreShortenedByCharacters() {
        let limit = FailureEvent.maximumSampleLength
        for text in [
            String(repeating: "a", count: limit), String(repeating: "a", count: limit + 1),
            String(repeating: "é", count: limit), String(repeating: "e\u{301}", count: limit),
            String(repeating: "é", count: limit + 1),
        ] {
            let expected = text.count > limit ? String(text.prefix(limit)) + "…" : text
            #expect(LogText.sample(text) == expected)
        }
    }

    @Test func recipientDomainsAreWhatTheCharacterReadingGives() {
        for line in Self.lines {
            var event = FailureEvent(
                format: .syslog, input: "-", line: 1, time: nil, status: .bounced, text: "", sample: "")
            event.recipient = String(line)
            let reference: String? = {
                guard let at = event.recipient?.lastIndex(of: "@"), let recipient = event.recipient else { return nil }
                let domain = recipient[recipient.index(after: at)...].lowercased()
                return domain.isEmpty ? nil : domain
            }()
            #expect(event.recipientDomain == reference, "\(line)")
        }
    }

    @Test func timestampsAreWrittenWithTheirPadding() {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var generator = SeededGenerator(seed: 5)
        let values = [0, 1, 9, 10, 59, 99, 100, 999, 2026, 12_345, -1, -42]
        for _ in 0..<500 {
            let pick = { values[Int.random(in: values.indices, using: &generator)] }
            let year: Int? = Bool.random(using: &generator) ? pick() : nil
            let time = LogTimestamp(
                year: year, month: pick(), day: pick(), hour: pick(), minute: pick(), second: pick())
            let date = "\(year.map { pad($0, 4) } ?? "-")-\(pad(time.month, 2))-\(pad(time.day, 2))"
            let expected = "\(date)T\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
            #expect(time.iso8601 == expected)
            #expect(time.hourKey == String(expected.prefix(expected.count - 6)))
        }
    }

    /// The character-level readings the helpers stand for.
    enum Reference {
        static func angled(after key: String, in text: Substring) -> String? {
            guard let start = text.byteRange(of: key + "<") else { return nil }
            let rest = text[start.upperBound...]
            guard let end = rest.firstIndex(of: ">") else { return nil }
            let value = String(rest[..<end])
            return value.isEmpty ? nil : value
        }

        static func token(after key: String, in text: Substring) -> Substring? {
            guard let start = text.byteRange(of: key) else { return nil }
            let rest = text[start.upperBound...]
            let end = rest.firstIndex { $0 == "," || $0 == ";" || $0 == " " } ?? rest.endIndex
            return rest[..<end]
        }

        static func hostAndAddress(_ text: Substring) -> (host: String?, ip: String?) {
            var host = text
            var ip: String?
            if let open = text.firstIndex(of: "[") {
                host = text[..<open]
                let rest = text[text.index(after: open)...]
                if let close = rest.firstIndex(of: "]") { ip = String(rest[..<close]) }
            }
            var name = host.trimmingCharacters(in: .whitespaces)
            if name.hasSuffix(".") { name.removeLast() }
            let lowered = name.lowercased()
            let usable = lowered.contains(".") && lowered != "none" && lowered != "unknown"
            return (usable ? lowered : nil, ip?.isEmpty == false ? ip : nil)
        }
    }
}

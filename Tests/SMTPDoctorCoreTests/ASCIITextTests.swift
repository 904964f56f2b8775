import Foundation
import Testing

@testable import SMTPDoctorCore

/// The byte-level fast paths of the error-text parser give what the code they stand for gives.
@Suite struct ASCIITextTests {
    /// ASCII texts made of pieces of replies, log lines and NDRs, with every kind of white space between them.
    static let texts: [String] = {
        let pieces = [
            "550", "5.1.1", "#5.7.1", "421-4.7.0", "  452 ", "535 5.7.8", "(in reply to RCPT TO command)", "said:",
            "host mx.example.com[203.0.113.7]", "Remote Server returned '550 5.7.1'", "10.0.0.1:25", "1.2.3",
            "status=deferred", "postfix/smtp[123]:", "Undeliverable:", "Generating server: mx.example.org",
            "Mail Delivery Subsystem", "error: 554", "code 451", "<- 250 OK", "-> MAIL FROM", "2.0.0", "a.b.c.d",
            "#550", "#  450", "5.4.14", "999", "Response: 530", "after end of DATA", "x", "-",
        ]
        let spaces = [" ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", " \n\t"]
        var generator = SeededGenerator(seed: 7)
        var texts = pieces
        for _ in 0..<400 {
            let count = Int.random(in: 1...6, using: &generator)
            var text = Bool.random(using: &generator) ? spaces[Int.random(in: spaces.indices, using: &generator)] : ""
            for _ in 0..<count {
                text +=
                    pieces[Int.random(in: pieces.indices, using: &generator)]
                    + spaces[Int.random(in: spaces.indices, using: &generator)]
            }
            texts.append(Bool.random(using: &generator) ? text : String(text.dropLast()))
        }
        return texts
    }()

    /// The same pieces with characters that are not ASCII between them: letters, digits of other scripts (which
    /// `\d` matches), full-width digits and the replacement character that stands for an invalid byte.
    static let nonASCIITexts: [String] = {
        let others = ["é", "\u{FFFD}", "٥", "５", "Ä", "\u{212A}", "日本", "\u{0301}"]
        var generator = SeededGenerator(seed: 17)
        return texts.map { text in
            var mixed = ""
            for character in text {
                if Int.random(in: 0..<8, using: &generator) == 0 {
                    mixed += others[Int.random(in: others.indices, using: &generator)]
                }
                mixed.append(character)
            }
            return mixed
        }
    }()

    @Test func containsAnyFindsWhatALowerCasedSearchFinds() {
        let phrases = [
            ["said:"], ["remote server returned", "#"], ["x"], ["undeliverable", "mail delivery "], ["-> m"],
        ]
        var found = 0
        for text in Self.texts + Self.texts.map({ $0.uppercased() }) {
            for some in phrases {
                let expected = some.contains { text.lowercased().contains($0) }
                #expect(ASCIIText.containsAny(text, some) == expected, "\(some) in \(text.debugDescription)")
                if expected { found += 1 }
            }
        }
        #expect(found > 100)
    }

    @Test func gatedPatternsFindWhatTheRegularExpressionsFind() throws {
        // Each pattern with its gate, prerequisite and automaton against the engine alone.
        for pattern in ErrorTextParser.literalPatterns {
            let engine = try NSRegularExpression(pattern: pattern.source)
            for text in Self.texts + Self.texts.map({ $0.lowercased() }) + Self.nonASCIITexts {
                let gated = pattern.firstMatch(in: text)
                let plain = engine.firstMatch(in: text)
                #expect(gated?.groups == plain?.groups && gated?.start == plain?.start, "\(pattern.source) on \(text)")
                #expect(pattern.matches(text) == (plain != nil), "\(pattern.source) on \(text)")
            }
        }
    }

    @Test func theReplyCodeScannerFindsWhatItsRegularExpressionFinds() {
        // Random texts of a code, a separator and an enhanced code, each right or nearly right, so that every
        // alternative and every backtracking path of the pattern is taken, besides the texts made of real pieces.
        let parts = [
            ["", "x", ".", "_", " ", "(", "5", "550 "],
            ["550", "535", "421", "250", "5", "1234", "55", "590"],
            [
                " ", "-", ",", ", '", ",b\"", ",  b'", ",b", ")", ")  ", " (", "(", "#", "  (", "\t(", "\u{0B}(", "",
                "x",
            ],
            ["", "#", "##"],
            ["5.7.8", "5.1.1", "4.4.12", "2.0.0", "5.1234.1", "5.1.1234", "5..1", "5.7", "6.1.1", "5.7.8.", "5.7.8.9"],
            ["", " ok", ".", "..", "9", "x", ". 1", "..1", " 5.1.1"],
        ]
        expectScanner(
            ReplyCodeScanner.codeAndEnhanced, findsWhat: ErrorTextParser.codeAndEnhanced, onTextsFrom: parts, seed: 11)
    }

    @Test func theLeadingReplyCodeScannerFindsWhatItsRegularExpressionFinds() {
        // Random texts of a few leading non-word bytes, a code, a separator and a rest, with line terminators in
        // every place `.` and `$` treat differently, besides the texts made of real pieces.
        let parts = [
            ["", "", " ", ">", "> ", "...", "....", "x", "_", "(", "\t", "\n", "\r\n", "-"],
            ["550", "535", "421", "250", "550", "5", "55", "1234", "590", "5505"],
            ["", "", " ", " ", "-", "x", ".", "\r", "\n", "\r\n", "\n\r", "\u{0B}", "\u{0C}", " \n", "- "],
            ["", "ok", "5.1.1 User unknown", "a\nb", "a\r\n", "a\n", "a\r", "x\u{0C}", "\r\n\r\n", "\n\r", " - "],
            ["", "", "", "", "\n", "\r", "\r\n", "\n\n", " "],
        ]
        expectScanner(
            LeadingReplyCodeScanner.leadingCode, findsWhat: ErrorTextParser.leadingCode, onTextsFrom: parts, seed: 13)
    }

    @Test func whiteSpaceAndLinesAreSplitAsCharactersSplitThem() {
        for text in Self.texts {
            #expect(ASCIIText.isASCII(text))
            #expect(
                ASCIIText.collapsingWhitespace(text)
                    == text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            #expect(ASCIIText.lines(text) == text.split(whereSeparator: \.isNewline).map(String.init))
            for line in ASCIIText.lines(text) {
                #expect(ASCIIText.trimmingSpaces(line) == line.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    @Test func lowerCasingGivesWhatLowercasedGives() {
        let others = ["550 5.1.1 EMPFÄNGER unbekannt", "\u{212A}ELVIN", "İSTANBUL", "Straße", "ÉCHEC 5.7.1", ""]
        for text in Self.texts + others {
            #expect(ASCIIText.lowercased(text) == text.lowercased(), "\(text.debugDescription)")
        }
    }

    @Test func trimmingGivesWhatFoundationGives() {
        let sets: [(String, (UInt8) -> Bool)] = [
            (" \t", { $0 == 0x20 || $0 == 0x09 }), (" '\"-:", { " '\"-:".utf8.contains($0) }),
            ("<>", { $0 == 0x3C || $0 == 0x3E }), (" \t\"", { $0 == 0x20 || $0 == 0x09 || $0 == 0x22 }),
        ]
        let ends = ["", " ", "\t", "\"", "'", "-", ":", "<", ">", "\u{00A0}", "é", "\u{301}", " \u{2003}", "x"]
        var generator = SeededGenerator(seed: 19)
        for text in Self.texts.prefix(200) {
            let wrapped =
                ends[Int.random(in: ends.indices, using: &generator)] + text
                + ends[Int.random(in: ends.indices, using: &generator)]
            for (members, isMember) in sets {
                let set = CharacterSet(charactersIn: members)
                #expect(
                    ASCIIText.trimming(wrapped, set, asciiMembers: isMember) == wrapped.trimmingCharacters(in: set),
                    "\(wrapped.debugDescription)")
            }
            #expect(ASCIIText.trimmingWhitespaces(wrapped[...]) == wrapped.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func textsWithOtherCharactersAreNotASCII() {
        #expect(!ASCIIText.isASCII("550 5.1.1 Empfänger unbekannt"))
        #expect(!ASCIIText.isASCII("550\u{00A0}5.1.1"))
    }

    @Test func aNonASCIICharacterIsFoundAtEveryPlaceOfEveryLength() {
        // Eight bytes are tested at a time: the character falls in a block, between blocks or in the rest.
        for length in 0..<40 {
            let ascii = String(repeating: "x", count: length)
            #expect(ASCIIText.isASCII(ascii))
            #expect(ASCIIText.isASCII(String(ascii.dropFirst())))
            for place in 0...length {
                var characters = Array(ascii)
                characters.insert("\u{80}", at: place)
                let text = String(characters)
                #expect(!ASCIIText.isASCII(text), "\(length) \(place)")
                #expect(ASCIIText.isASCII(text) == text.utf8.allSatisfy { $0 < 0x80 })
            }
        }
    }

    /// Expects a byte scanner to find what the regular expression it stands for finds — the same groups at the same
    /// place, or nothing — on the fixed texts and on 20,000 texts each made of one random choice from every list of
    /// `parts`, and both outcomes to be well represented, so that the comparison says something about each.
    private func expectScanner(
        _ scan: (String) -> Match?, findsWhat expression: LiteralPattern, onTextsFrom parts: [[String]], seed: UInt64
    ) {
        var generator = SeededGenerator(seed: seed)
        let random = (0..<20_000).map { _ in
            parts.map { $0[Int.random(in: $0.indices, using: &generator)] }.joined()
        }
        let pattern = LiteralPattern(expression.source)
        var matches = 0
        for text in Self.texts + random {
            let scanned = scan(text)
            let matched = pattern.firstMatch(in: text)
            if matched != nil { matches += 1 }
            #expect(
                scanned?.groups == matched?.groups && scanned?.start == matched?.start && scanned?.end == matched?.end,
                "\(text.debugDescription)")
        }
        #expect(matches > 1_000 && matches < 19_000, "\(matches) texts match")
    }
}

/// A small deterministic generator (SplitMix64), so that the generated texts are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

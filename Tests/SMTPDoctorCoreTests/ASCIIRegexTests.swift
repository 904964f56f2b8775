import Foundation
import Testing

@testable import SMTPDoctorCore

/// The automaton of the common subset of patterns gives, on ASCII texts, what the regular-expression engine gives.
@Suite struct ASCIIRegexTests {
    /// Whether the engine finds a match in the first `limit` characters, as `RegularExpression` asks it.
    static func engineMatches(_ pattern: String, _ text: String, limit: Int = 4096) throws -> Bool {
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.firstMatch(in: text, range: NSRange(location: 0, length: min(text.utf16.count, limit))) != nil
    }

    /// The runs of plain characters in a pattern, as pieces of texts that come near a match.
    static func pieces(of pattern: String) -> [String] {
        pattern.split { "\\()[]{}|?*+^$.".contains($0) }.map(String.init).filter { !$0.isEmpty }
    }

    /// A text of random pieces, separators and ASCII characters, in random case.
    static func text(from pieces: [String], using generator: inout SeededGenerator) -> String {
        let separators = [" ", "", ": ", "\n", "\r\n", "-", "_", ",", "0", "5", "a", "\t", "\u{0B}", ".", "#", "'"]
        var text = ""
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            switch Int.random(in: 0..<5, using: &generator) {
            case 0, 1:
                if var piece = pieces.randomElement(using: &generator) {
                    if Bool.random(using: &generator) { piece = piece.uppercased() }
                    text += piece
                }
            case 2: text += separators.randomElement(using: &generator) ?? ""
            case 3: text.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &generator)))
            default: text += String(repeating: " ", count: Int.random(in: 1...3, using: &generator))
            }
        }
        return text
    }

    @Test func everyBuiltInPatternOfTheSubsetFindsWhatTheEngineFinds() throws {
        let patterns = Array(Set(try RegexSafetyTests.builtInPatterns())).sorted()
        var generator = SeededGenerator(seed: 29)
        var inSubset = 0
        var matches = 0
        var compared = 0
        for pattern in patterns {
            guard let automaton = ASCIIRegex(pattern) else { continue }
            inSubset += 1
            let pieces = Self.pieces(of: pattern)
            var texts = ["", "\n", String(pieces.joined(separator: " ")), String(pieces.joined())]
            texts += (0..<400).map { _ in Self.text(from: pieces, using: &generator) }
            for text in texts {
                let expected = try Self.engineMatches(pattern, text)
                #expect(automaton.matches(text, within: 4096) == expected, "\(pattern) on \(text.debugDescription)")
                if expected { matches += 1 }
                compared += 1
            }
        }
        // Most built-in patterns are in the subset, and the texts give both outcomes.
        #expect(inSubset * 10 >= patterns.count * 8, "\(inSubset) of \(patterns.count) patterns")
        #expect(matches > compared / 50 && matches < compared * 49 / 50, "\(matches) of \(compared) match")
    }

    @Test func builtInExpressionsWithTheirLiteralTestsFindWhatTheEngineFinds() throws {
        // The whole search of a rule's expression — its literal tests, then the automaton on ASCII texts or the
        // engine on others — on texts with and without a non-ASCII character.
        let patterns = Array(Set(try RegexSafetyTests.builtInPatterns())).sorted()
        var generator = SeededGenerator(seed: 37)
        var matches = 0
        var compared = 0
        for pattern in patterns {
            let expression = RegularExpression(verified: pattern)
            let pieces = Self.pieces(of: pattern)
            for index in 0..<200 {
                var text = Self.text(from: pieces, using: &generator)
                if index % 4 == 0 { text += " caf\u{E9}" }
                let expected = try Self.engineMatches(pattern, text)
                #expect(expression.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
                if expected { matches += 1 }
                compared += 1
            }
        }
        #expect(matches > compared / 50, "\(matches) of \(compared) match")
    }

    /// Characters past ASCII of every class, in texts that come near a match.
    static let otherCharacters = [
        "é", "日本", "５", "٥", "\u{00A0}", "\u{3000}", "\u{2028}", "\u{2029}", "\u{0085}", "€", "😀", "‿", "Ⅻ", "ß",
        "\u{212A}", "\u{0301}", "\u{200D}", "\u{FEFF}", "ñ", "д", "°",
    ]

    /// A text of random pieces with characters past ASCII among them.
    static func mixedText(from pieces: [String], using generator: inout SeededGenerator) -> String {
        var text = otherCharacters.randomElement(using: &generator) ?? ""
        for character in Self.text(from: pieces, using: &generator) {
            if Int.random(in: 0..<24, using: &generator) == 0 {
                text += otherCharacters.randomElement(using: &generator) ?? ""
            }
            text.append(character)
        }
        if Bool.random(using: &generator) { text += otherCharacters.randomElement(using: &generator) ?? "" }
        return text
    }

    @Test func charactersPastASCIIReadAsTheirClassesFindWhatTheEngineFinds() throws {
        let patterns = Array(Set(try RegexSafetyTests.builtInPatterns())).sorted()
        var generator = SeededGenerator(seed: 53)
        var read = 0
        var matches = 0
        var compared = 0
        for pattern in patterns {
            guard let automaton = ASCIIRegex(pattern) else { continue }
            let pieces = Self.pieces(of: pattern)
            for _ in 0..<200 {
                let text = Self.mixedText(from: pieces, using: &generator)
                let expected = try Self.engineMatches(pattern, text)
                if let bytes = ASCIIRegex.classBytes(
                    of: text, limit: 4096, caseInsensitive: automaton.isCaseInsensitive)
                {
                    let found = bytes.withUnsafeBufferPointer { automaton.matches($0) }
                    #expect(found == expected, "\(pattern) on \(text.debugDescription)")
                    read += 1
                    if expected { matches += 1 }
                }
                #expect(RegularExpression(verified: pattern).matches(text) == expected, "\(pattern) on \(text)")
                compared += 1
            }
        }
        // Most texts are read by the automaton, and they give both outcomes.
        #expect(read * 4 >= compared, "\(read) of \(compared) read by the automaton")
        #expect(matches > read / 50 && matches < read * 49 / 50, "\(matches) of \(read) match")
    }

    @Test func generatedPatternsOnCharactersPastASCIIFindWhatTheEngineFinds() throws {
        let atoms = [
            "a", "x", "5", " ", ".", "\\s", "\\S", "\\d", "\\D", "\\w", "\\W", "\\b", "\\B", "[^a-c]", "[\\w-]",
            "[^\\s,]", "[^ ]", "(a|b)", "^", "$", "(?!a)", "(?<=x)", "(?<![ab])",
        ]
        let quantifiers = ["", "", "?", "*", "+", "{2}", "{0,3}"]
        var generator = SeededGenerator(seed: 59)
        var read = 0
        var matches = 0
        for _ in 0..<2_000 {
            var pattern = ""
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let atom = atoms.randomElement(using: &generator) ?? "a"
                pattern += atom
                if !["^", "$", "\\b", "\\B", "(?!a)", "(?<=x)", "(?<![ab])"].contains(atom) {
                    pattern += quantifiers.randomElement(using: &generator) ?? ""
                }
            }
            guard (try? NSRegularExpression(pattern: pattern)) != nil, let automaton = ASCIIRegex(pattern) else {
                continue
            }
            for _ in 0..<10 {
                let text = Self.mixedText(from: ["ab", "x5", "a b"], using: &generator)
                guard let bytes = ASCIIRegex.classBytes(of: text, limit: 4096, caseInsensitive: false) else { continue }
                let expected = try Self.engineMatches(pattern, text)
                #expect(
                    bytes.withUnsafeBufferPointer { automaton.matches($0) } == expected,
                    "\(pattern) on \(text.debugDescription)")
                read += 1
                if expected { matches += 1 }
            }
        }
        #expect(read > 5_000 && matches > read / 20 && matches < read * 19 / 20, "\(matches) of \(read) match")
    }

    @Test func aTextPastTheLimitIsCutWhereTheEngineCutsIt() throws {
        // The limit counts UTF-16 units: a character outside the Basic Multilingual Plane counts two.
        let text = String(repeating: "😀", count: 2046) + "abc"
        for pattern in ["abc", "ab", "a", "\\W$", ".$", "😀?a"] {
            guard let automaton = ASCIIRegex(pattern) else { continue }
            for limit in [4092, 4093, 4094, 4095, 4096] {
                let bytes = try #require(ASCIIRegex.classBytes(of: text, limit: limit, caseInsensitive: false))
                let expected = try Self.engineMatches(pattern, text, limit: limit)
                #expect(bytes.withUnsafeBufferPointer { automaton.matches($0) } == expected, "\(pattern) \(limit)")
            }
        }
    }

    @Test func everyPatternOfTheErrorTextParserInTheSubsetFindsWhatTheEngineFinds() throws {
        var generator = SeededGenerator(seed: 43)
        var inSubset = 0
        var matches = 0
        var compared = 0
        for pattern in ErrorTextParser.literalPatterns.map(\.source) {
            guard let automaton = ASCIIRegex(pattern) else { continue }
            inSubset += 1
            let pieces = Self.pieces(of: pattern) + ["550", "5.1.1", "192.0.2.1", "mx.example.com[192.0.2.1]", "host"]
            for _ in 0..<400 {
                let text = Self.text(from: pieces, using: &generator)
                let expected = try Self.engineMatches(pattern, text, limit: .max)
                #expect(automaton.matches(text, within: .max) == expected, "\(pattern) on \(text.debugDescription)")
                if expected { matches += 1 }
                compared += 1
            }
        }
        #expect(inSubset * 10 >= ErrorTextParser.literalPatterns.count * 8, "\(inSubset) patterns in the subset")
        #expect(matches > compared / 50 && matches < compared * 49 / 50, "\(matches) of \(compared) match")
    }

    @Test func generatedPatternsFindWhatTheEngineFinds() throws {
        let atoms = [
            "a", "b", "A", "x", "5", " ", "-", "\\.", ".", "\\s", "\\S", "\\d", "\\D", "\\w", "\\W", "\\b", "\\B",
            "[a-c]", "[^a-c]", "[\\w-]", "[^\\s,]", "[0-9x]", "[^ ]", "(a|b)", "(?:ab|x)", "(a )?", "(b|)", "^", "$",
            "\\n", "\\r", "\\t", "[.-]", "#", "(?!a)", "(?=b)", "(?!\\d)", "(?![.\\d]|:\\d)", "(?=a?b|x)", "(?<!a)",
            "(?<=x5)", "(?<![ab])", "(?<=\\w)",
        ]
        let assertions =
            ["^", "$", "\\b", "\\B", "(?!a)", "(?=b)", "(?!\\d)", "(?![.\\d]|:\\d)", "(?=a?b|x)"]
            + ["(?<!a)", "(?<=x5)", "(?<![ab])", "(?<=\\w)"]
        let quantifiers = ["", "", "", "?", "*", "+", "{2}", "{0,3}", "{1,}"]
        var generator = SeededGenerator(seed: 31)
        var matches = 0
        var compared = 0
        var inSubset = 0
        for _ in 0..<3_000 {
            var pattern = ""
            for _ in 0..<Int.random(in: 1...5, using: &generator) {
                let atom = atoms.randomElement(using: &generator) ?? "a"
                pattern += atom
                if !assertions.contains(atom) {
                    pattern += quantifiers.randomElement(using: &generator) ?? ""
                }
                if Int.random(in: 0..<6, using: &generator) == 0 { pattern += "|" }
            }
            if Int.random(in: 0..<3, using: &generator) == 0 { pattern = "(?i)" + pattern }
            guard (try? NSRegularExpression(pattern: pattern)) != nil, let automaton = ASCIIRegex(pattern) else {
                continue
            }
            inSubset += 1
            for _ in 0..<20 {
                let text = Self.text(from: ["ab", "A B", "x5", "b-a", "abab", "5.5"], using: &generator)
                let expected = try Self.engineMatches(pattern, text)
                #expect(automaton.matches(text, within: 4096) == expected, "\(pattern) on \(text.debugDescription)")
                if expected { matches += 1 }
                compared += 1
            }
        }
        #expect(inSubset > 2_000, "\(inSubset) patterns in the subset")
        #expect(matches > compared / 20 && matches < compared * 19 / 20, "\(matches) of \(compared) match")
    }

    @Test func onlyTheFirstCharactersOfALongTextAreSearchedAsTheEngineSearchesThem() throws {
        let text = String(repeating: "x ", count: 2045) + "abcde"
        for pattern in ["abc\\b", "abc$", "ab\\B", "(?i)ABCD\\b", "abcde"] {
            let automaton = try #require(ASCIIRegex(pattern), "\(pattern)")
            for limit in [4092, 4093, 4094, 4095, 4096] {
                let expected = try Self.engineMatches(pattern, text, limit: limit)
                #expect(automaton.matches(text, within: limit) == expected, "\(pattern) within \(limit)")
            }
        }
    }

    @Test func aLookAheadThatReadsWithoutBoundIsTriedAfterALeadingCaret() throws {
        // The shape of the rules that exclude texts naming other systems: a look-ahead over the whole text, once.
        let pattern = "(?i)^(?!.*(gsmtp|\\[TSS?\\d{2}\\]|outlook\\.com)).*\\bpostfix/[a-z]+\\[\\d+\\]"
        let automaton = try #require(ASCIIRegex(pattern))
        var generator = SeededGenerator(seed: 41)
        let pieces = ["postfix/smtp[123]", "gsmtp", "[TS01]", "[tss22]", "outlook.com", "Postfix/qmgr[9]", "x"]
        var matches = 0
        for _ in 0..<2_000 {
            let text = Self.text(from: pieces, using: &generator)
            let expected = try Self.engineMatches(pattern, text)
            #expect(automaton.matches(text, within: 4096) == expected, "\(pattern) on \(text.debugDescription)")
            if expected { matches += 1 }
        }
        #expect(matches > 100 && matches < 1_900, "\(matches) of 2000 match")
    }

    @Test func aLookAheadDoesNotSeePastTheSearchedCharacters() throws {
        let text = String(repeating: "x ", count: 2046) + "port 25.5"
        for pattern in ["25(?![.\\d])", "(?i)PORT 25(?!\\.)", "(?<=t )25(?=\\.)"] {
            let automaton = try #require(ASCIIRegex(pattern), "\(pattern)")
            for limit in [4099, 4100, 4101, 4102, 4103] {
                let expected = try Self.engineMatches(pattern, text, limit: limit)
                #expect(automaton.matches(text, within: limit) == expected, "\(pattern) within \(limit)")
            }
        }
    }

    @Test func aPatternWhoseDeterministicStatesOverflowTheTablesStillFindsWhatTheEngineFinds() throws {
        // Which of the last ten bytes was an `a` takes 2^10 states to remember: more than the tables hold, so the
        // searches go on with the automaton once they are full.
        let pattern = "(a|b)*a(a|b){9}c?$"
        let automaton = try #require(ASCIIRegex(pattern))
        var generator = SeededGenerator(seed: 47)
        var matches = 0
        for _ in 0..<300 {
            let length = Int.random(in: 0...60, using: &generator)
            var text = String((0..<length).map { _ in Bool.random(using: &generator) ? "a" : "b" })
            if Bool.random(using: &generator) { text += "c" }
            let expected = try Self.engineMatches(pattern, text)
            #expect(automaton.matches(text, within: 4096) == expected, "\(text)")
            if expected { matches += 1 }
        }
        #expect(matches > 30 && matches < 270, "\(matches) of 300 match")
    }

    @Test func oneAutomatonSearchedFromSeveralThreadsAnswersAsTheEngine() async throws {
        let pattern = "(?i)\\b(mailbox (is )?full|quota|over ?quota|insufficient storage)\\b"
        let automaton = try #require(ASCIIRegex(pattern))
        let texts = [
            "552 5.2.2 Mailbox full", "452 4.2.2 over quota", "550 quotas", "550 MAILBOX IS FULL.", "mailboxfull",
            "insufficient storage for the message", "551 overquota", "no match here",
        ]
        let expected = try texts.map { try Self.engineMatches(pattern, $0) }
        let answers = await withTaskGroup(of: [Bool].self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<200).flatMap { _ in texts.map { automaton.matches($0, within: 4096) } } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for answer in answers {
            #expect(answer == Array((0..<200).map { _ in expected }.joined()))
        }
        #expect(expected.contains(true) && expected.contains(false))
    }

    @Test func patternsOutsideTheSubsetAreLeftToTheEngine() {
        for pattern in [
            "a(?!.*b)", "(?!a+)b", "x|^(?!.*b)", "(?<=a+)b", "(?<!a|bc)d", "(?!a)*", "(a)\\1", "a++", "(?x) a b",
            "[[:alpha:]]", "é", "(?i)[^a]", "a(?i)b",
            "\\p{L}", "\\x41", "[a-\\d]", "a{,2}", "*a", "a)", "(a", "[a", "\\Qa\\E", "[a&&b]", "(?i:a)", "a**", "a*?",
            "(b|)+?",
        ] {
            #expect(ASCIIRegex(pattern) == nil, "\(pattern)")
        }
    }
}

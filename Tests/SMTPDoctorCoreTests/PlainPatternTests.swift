import Foundation
import Testing

@testable import SMTPDoctorCore

/// A pattern of single characters gives, on ASCII texts, what the regular-expression engine gives.
@Suite struct PlainPatternTests {
    @Test func findsWhatTheRegularExpressionFinds() throws {
        // Random patterns of every kind of position and anchor, on random texts of codes, letters of both cases and
        // line terminators, so that both outcomes occur for most patterns.
        let atoms = [
            "5", "4", "\\.", "[245]", "[0-9]", "\\d", "[a-c]", "x", "X", "[A-Cx]", "7", " ", "-", "\\-", "[56]",
        ]
        let texts = [
            "", "5", "5.7.8", "4.7.500", "5.7.9", "x5.7.1", "X.4", "abc", "ABC", "5.7.1\n", "5.7.1\r\n", "5.7.1\n\n",
            "5.7.1\r", "5.7.1\u{0B}", "5.7.1 x", "a-5", "- 7", "550 5.7.8 Xb", "x\n5.7", "cab5", "\r\n", "45.7.600",
        ]
        var generator = SeededGenerator(seed: 17)
        var matches = 0
        var compared = 0
        for _ in 0..<3_000 {
            let count = Int.random(in: 1...4, using: &generator)
            var pattern = (0..<count).map { _ in atoms[Int.random(in: atoms.indices, using: &generator)] }.joined()
            if Bool.random(using: &generator) { pattern = "^" + pattern }
            if Bool.random(using: &generator) { pattern += "$" }
            if Int.random(in: 0..<3, using: &generator) == 0 { pattern = "(?i)" + pattern }
            let plain = try #require(PlainPattern(pattern), "\(pattern)")
            let expression = try NSRegularExpression(pattern: pattern)
            for text in texts {
                let expected =
                    expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
                #expect(plain.matches(text, within: 4096) == expected, "\(pattern) on \(text.debugDescription)")
                if expected { matches += 1 }
                compared += 1
            }
        }
        #expect(matches > compared / 20 && matches < compared * 19 / 20, "\(matches) of \(compared) match")
    }

    @Test func onlyTheFirstCharactersOfALongTextAreSearchedAsTheEngineSearchesThem() throws {
        let pattern = "5\\.7\\.1$"
        let plain = try #require(PlainPattern(pattern))
        let expression = try NSRegularExpression(pattern: pattern)
        let text = String(repeating: "x", count: 4091) + "5.7.1"
        for (text, limit) in [(text, 4096), (text + "0", 4096), (text, 4095), (text + "\n", 4097)] {
            let expected = expression.firstMatch(in: text, range: NSRange(location: 0, length: limit)) != nil
            #expect(plain.matches(text, within: limit) == expected, "\(limit)")
        }
        #expect(plain.matches(text + "0", within: 4096))
    }

    @Test func patternsWithMoreThanSingleCharactersAreLeftToTheEngine() {
        for pattern in [
            "(?i)auth(entication)? failed", "a|b", "a?", "a*", "a+", "a{2}", "a.b", "[^5]", "\\w", "\\bx", "[a-]",
            "[\\d]", "é", "", "^", "$", "[]", "[z-a]", "x]",
        ] {
            #expect(PlainPattern(pattern) == nil, "\(pattern)")
        }
    }
}

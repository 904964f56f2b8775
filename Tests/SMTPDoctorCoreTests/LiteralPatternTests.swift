import Testing

@testable import SMTPDoctorCore

@Suite struct LiteralPatternTests {
    @Test func everyPatternOfTheCodeParserCompiles() {
        let patterns = ErrorTextParser.literalPatterns
        #expect(patterns.count > 10)
        #expect(patterns.allSatisfy { $0.isCompiled })
    }

    @Test func patternThatDoesNotCompileMatchesNothingInsteadOfCrashing() {
        let broken = LiteralPattern("([245]")
        #expect(!broken.isCompiled)
        #expect(broken.firstMatch(in: "550 5.1.1 unknown") == nil)
    }

    @Test func compiledPatternGivesItsGroups() throws {
        let match = try #require(LiteralPattern(#"(\d{3}) (\d\.\d\.\d)"#).firstMatch(in: "said: 550 5.1.1 x"))
        #expect(match[1] == "550")
        #expect(match[2] == "5.1.1")
    }
}

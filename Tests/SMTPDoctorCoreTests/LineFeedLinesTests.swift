import Testing

@testable import SMTPDoctorCore

/// Lines found on bytes are the lines `split(separator: "\n")` finds on Characters.
@Suite struct LineFeedLinesTests {
    @Test func linesAreThoseOfTheCharacterSplit() {
        // Pieces that make line feeds part of larger Characters (CR LF) or not, empty lines, and non-ASCII text.
        let pieces = ["\n", "\r\n", "\r", "a", "é", "e\u{301}", " ", "\n\n", "x:y", "\u{2028}", "\r\r\n"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["", "\n", "\r\n", "a\n", "\na"]
        for _ in 0..<2000 {
            texts.append((0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        for text in texts {
            #expect(
                text.linesSplitAtLineFeeds(omittingEmptySubsequences: false)
                    == text.split(separator: "\n", omittingEmptySubsequences: false))
            #expect(text.linesSplitAtLineFeeds() == text.split(separator: "\n"))
            let inner = text.dropFirst()
            #expect(inner.linesSplitAtLineFeeds() == inner.split(separator: "\n"))
        }
    }
}

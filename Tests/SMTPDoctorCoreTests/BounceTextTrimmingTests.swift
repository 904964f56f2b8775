import Foundation
import Testing

@testable import SMTPDoctorCore

/// The report region's trimming on bytes drops what Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)`
/// drops.
@Suite struct BounceTextTrimmingTests {
    @Test func trimmingIsFoundationsTrimming() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{0B}", "a", "é", "\u{A0}", "\u{2028}", "\u{85}", "e\u{301}", "x y"]
        var texts = ["", " ", "a", " a ", "\u{A0}a\u{A0}"]
        for _ in 0..<2000 {
            texts.append((0..<Int.random(in: 1...8)).map { _ in pieces.randomElement()! }.joined())
        }
        for text in texts {
            #expect(
                BounceMessageParser.trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

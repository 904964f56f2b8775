import Testing

@testable import SMTPDoctorCore

/// The byte-level header-name reading of the format detector gives what its `Character`-level form gives.
@Suite struct LogFormatDetectorTests {
    @Test func theHeaderNameIsTheFirstPieceBetweenColonsAsCharactersSplitIt() {
        // Colons, names, values and the non-ASCII scalars that join a colon into a Character of its own (a
        // combining mark after it, a prepended Arabic sign before it).
        let pieces = [
            ":", "::", "From", "TO", "Return-Path", "a", " ", "\t", "x y", "\u{301}", "\u{600}", "é", "Ünknown", "—",
            "\u{200D}", "<bob@example.com>",
        ]
        var generator = SeededGenerator(seed: 17)
        let lines = (0..<20_000).map { _ in
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                pieces[Int.random(in: pieces.indices, using: &generator)]
            }.joined()
        }
        var differentFromBytes = 0
        for line in lines {
            let characters = line[...].drop { $0 == ":" }.prefix { $0 != ":" }
            let name = LogFormatDetector.headerName(line[...])
            #expect(String(name) == String(characters), "\(line.debugDescription)")
            if line.utf8.split(separator: UInt8(ascii: ":")).first.map({ String(Substring($0)) }) != String(characters)
            {
                differentFromBytes += 1
            }
        }
        // Lines on which a plain byte split would go wrong are among them.
        #expect(differentFromBytes > 100, "\(differentFromBytes) lines")
    }

    @Test func aMessageHeaderIsToldFromALog() {
        let message = "Return-Path: <>\nReceived: from mx.example.com\nSubject: Undelivered Mail\n\nbody\n"
        let syslog = "Dec  5 03:00:00 mx postfix/smtp[123]: 4ABC: to=<bob@example.com>, status=bounced (550 5.1.1)\n"
        #expect(detect(message) == .emailMessage)
        #expect(detect("Return-Path: <>\n::Subject: x\n") == .emailMessage)
        #expect(detect("Return-Path: <>\nX-Other: x\n") == nil)
        #expect(detect(syslog) == .syslog)
    }

    private func detect(_ text: String) -> LogFormat? {
        Array(text.utf8).withUnsafeBytes { LogFormatDetector.detect($0) }
    }
}

import Testing

@testable import SMTPDoctorCore

@Suite struct FailureTextNormaliserTests {
    @Test func addressesNumbersAndIdsAreNormalisedButCodesKept() {
        let one = FailureTextNormaliser.normalise(
            "host mx2.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: User unknown")
        let two = FailureTextNormaliser.normalise(
            "host mx7.example.com[198.51.100.9] said: 550 5.1.1 <carol@example.com>: User unknown")
        #expect(one == two)
        #expect(one.contains("550 5.1.1"))
        #expect(!one.contains("bob"))
    }

    @Test func differentCodesStayDifferent() {
        #expect(
            FailureTextNormaliser.normalise("550 5.1.1 User unknown")
                != FailureTextNormaliser.normalise("452 4.2.2 User unknown"))
    }

    @Test func traceIdsOfGmailAndExchangeCollapse() {
        let gmail = FailureTextNormaliser.normalise("550-5.7.26 Unauthenticated a1b2si1234567qtb.123 - gsmtp")
        let other = FailureTextNormaliser.normalise("550-5.7.26 Unauthenticated x9y8si7654321qtb.42 - gsmtp")
        #expect(gmail == other)
    }

    @Test func longHostNamesKeepTheirProviderSuffix() {
        let text = FailureTextNormaliser.normalise("host contoso-com.mail.protection.outlook.com said: 550 5.7.1 x")
        #expect(text.contains("*.protection.outlook.com"))
    }

    /// Texts made of the pieces failure texts are made of: codes, addresses, hosts, addresses in brackets, ids.
    static let texts: [String] = {
        let pieces = [
            "550", "5.1.1", "4.4.315", "421-", "550-5.7.26", "(550)", "999", "5.1234.1", "5..1", "6.1.1", "2.0.0.",
            "<bob@example.com>:", "@", "mx2.example.com[203.0.113.7]", "a-b.mail.protection.outlook.com",
            "a.b.c.d.e", "x9y8si7654321qtb.42", "a1b2si1234567qtb.123", "4F2A1B3C9D:", "2026-05-01T06:06:57",
            "said:", "User", "unknown", "(in", "reply", "to", "RCPT", "TO", "command)", "1.2.3", "mx#.example.com",
            "12345678901234", "ab12cd34ef56gh", "host.example.com.", "[203.0.113.7]", "é1.2", "bücher.example.de.x",
            "-", "#", "...", "a.b.c.d#", "AS12345)", "(S2017)", "[DM3NAM11FT012.eop-nam11.prod.protection.outlook.com",
        ]
        let spaces = [" ", "  ", "\t", "\n", "\r\n", "\r"]
        var generator = SeededGenerator(seed: 31)
        var texts = pieces
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                text += pieces[Int.random(in: pieces.indices, using: &generator)]
                text += spaces[Int.random(in: spaces.indices, using: &generator)]
            }
            texts.append(text)
        }
        texts.append(String(repeating: "550 5.1.1 mx1.example.com ", count: 200))
        return texts
    }()

    @Test func theNormalisedTextIsWhatTheTokenByTokenReadingGives() {
        for text in Self.texts {
            #expect(FailureTextNormaliser.normalise(text) == ReferenceNormaliser.normalise(text), "\(text)")
        }
    }
}

/// The normaliser as it was first written, one array per token: the reference for the one that reads in place.
enum ReferenceNormaliser {
    static let maximumLength = FailureTextNormaliser.maximumLength

    static func normalise(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(min(text.utf8.count, maximumLength))
        var token: [UInt8] = []
        func flush() {
            guard !token.isEmpty else { return }
            if !output.isEmpty { output.append(0x20) }
            output += normaliseToken(token)
            token.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8.prefix(maximumLength) {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                flush()
            } else {
                token.append(byte)
            }
        }
        flush()
        return String(decoding: output, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func normaliseToken(_ token: [UInt8]) -> [UInt8] {
        if token.contains(0x40) { return Array("<@>".utf8) }  // an address
        guard token.contains(where: isDigit) else { return hostSuffix(token) }
        let core = token.drop { !isDigit($0) && !isLetter($0) }.reversed().drop { !isDigit($0) && !isLetter($0) }
        let trimmed = Array(core.reversed())
        if isReplyCode(trimmed) || isEnhancedCode(trimmed) { return token }
        var result: [UInt8] = []
        var runs = 0
        var inRun = false
        for byte in token {
            if isDigit(byte) {
                if !inRun {
                    result.append(0x23)
                    runs += 1
                }
                inRun = true
            } else {
                inRun = false
                result.append(byte)
            }
        }
        if runs >= 3 && token.count >= 12 && (!token.contains(0x2E) || lastLabelHasDigit(token)) {
            return Array("#id".utf8)
        }
        return hostSuffix(result)
    }

    /// `a1si1234567qtb.123`: an identifier with dots, not a host name, whose last label would be a top-level domain.
    private static func lastLabelHasDigit(_ token: [UInt8]) -> Bool {
        guard let dot = token.lastIndex(of: 0x2E) else { return false }
        return token[(dot + 1)...].contains(where: isDigit)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// `550`, `421-`: a three-digit code starting with 2, 4 or 5.
    private static func isReplyCode(_ token: [UInt8]) -> Bool {
        token.count == 3 && [0x32, 0x34, 0x35].contains(token[0]) && token.allSatisfy(isDigit)
    }

    /// `5.7.1`, `4.4.315`.
    private static func isEnhancedCode(_ token: [UInt8]) -> Bool {
        let parts = token.split(separator: 0x2E, omittingEmptySubsequences: false)
        return parts.count == 3 && [0x32, 0x34, 0x35].contains(token[0]) && parts[0].count == 1
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(isDigit) }
    }

    /// A host name keeps its last three labels: `a-b.mail.protection.outlook.com` gives `*.protection.outlook.com`.
    private static func hostSuffix(_ token: [UInt8]) -> [UInt8] {
        let hostEnd =
            token.firstIndex { !(isLetter($0) || isDigit($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x23) }
            ?? token.count
        let host = token[..<hostEnd]
        let dots = host.indices.filter { host[$0] == 0x2E && $0 < hostEnd - 1 }
        guard dots.count >= 3, host.contains(where: isLetter) else { return token }
        let keepFrom = dots[dots.count - 3]
        return Array("*".utf8) + token[keepFrom...]
    }
}

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

    @Test func hostAndDomainNamesKeepOnlyTheirTopLevelLabel() {
        #expect(
            FailureTextNormaliser.normalise("host contoso-com.mail.protection.outlook.com said: 550 5.7.1 x")
                == "host #.com said: 550 5.7.1 x")
        #expect(
            FailureTextNormaliser.normalise("504 5.5.2 <lohol.ca>: Helo command rejected")
                == "504 5.5.2 <#.ca>: Helo command rejected")
        #expect(FailureTextNormaliser.normalise("a toralros-wes.es account") == "a #.es account")
        #expect(FailureTextNormaliser.normalise("for name=osdan.com.au type=MX") == "for name=#.au type=MX")
        #expect(FailureTextNormaliser.normalise("<lumven>: Helo command rejected") == "<#>: Helo command rejected")
        #expect(
            FailureTextNormaliser.normalise("see http://greylist.example.ch/help/torsen.co.uk.html")
                == "see http://#.ch/help/#.html")
    }

    @Test func numbersThatStandWhereNoReplyStartsAreNotCodes() {
        #expect(
            FailureTextNormaliser.normalise("said: 451 4.7.1 Greylisting in action, please come back in 423 minutes")
                == "said: 451 4.7.1 Greylisting in action, please come back in # minutes")
        #expect(
            FailureTextNormaliser.normalise("552 5.2.2 user is over quota (207 MB of 500 MB used)")
                == "552 5.2.2 user is over quota (# MB of # MB used)")
        #expect(FailureTextNormaliser.normalise("returned '550 5.1.1 unknown") == "returned '550 5.1.1 unknown")
        #expect(FailureTextNormaliser.normalise("port 587: 421 try later") == "port #: 421 try later")
    }

    @Test func wordsWithDotsThatAreNotNamesAreKept() {
        #expect(FailureTextNormaliser.normalise("e.g. i.e. U.S. later.") == "e.g. i.e. U.S. later.")
        #expect(FailureTextNormaliser.normalise("v1.2.3 [10.0.0.1]") == "v#.#.# [#.#.#.#]")
    }

    /// Texts made of the pieces failure texts are made of: codes, addresses, hosts, addresses in brackets, ids.
    static let texts: [String] = {
        let pieces = [
            "550", "5.1.1", "4.4.315", "421-", "550-5.7.26", "(550)", "999", "5.1234.1", "5..1", "6.1.1", "2.0.0.",
            "<bob@example.com>:", "@", "said:", "in", "(207", "423", "minutes", "name=a-b.example.org", "x=y=z.ab",
            "<helo-name>:", "<>", "<a.b>", "http://a.example.ch/help/b-c.example.org.html",
            "mx2.example.com[203.0.113.7]", "a-b.mail.protection.outlook.com",
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
        var tokens: [[UInt8]] = [[]]
        for byte in text.utf8.prefix(maximumLength) {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                tokens.append([])
            } else {
                tokens[tokens.count - 1].append(byte)
            }
        }
        var output: [UInt8] = []
        var previous: [UInt8]?
        var doubtful: (written: Range<Int>, token: [UInt8])?
        for token in tokens where !token.isEmpty {
            let core = trimmed(token)
            if let written = doubtful, isEnhancedCode(core) {
                output.replaceSubrange(written.written, with: written.token)
            }
            doubtful = nil
            if !output.isEmpty { output.append(0x20) }
            let start = output.count
            if isReplyCode(core), let previous, previous.last != UInt8(ascii: ":") {
                output += markDigits(token)
                doubtful = (start..<output.count, token)
            } else {
                output += normaliseToken(token)
            }
            previous = token
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func trimmed(_ token: [UInt8]) -> [UInt8] {
        let core = token.drop { !isDigit($0) && !isLetter($0) }.reversed().drop { !isDigit($0) && !isLetter($0) }
        return Array(core.reversed())
    }

    private static func normaliseToken(_ token: [UInt8]) -> [UInt8] {
        if token.contains(0x40) { return Array("<@>".utf8) }  // an address
        guard token.contains(where: isDigit) else { return hostSuffix(token) }
        let core = trimmed(token)
        if isReplyCode(core) || isEnhancedCode(core) { return token }
        return markDigits(token)
    }

    private static func markDigits(_ token: [UInt8]) -> [UInt8] {
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

    /// Each part between slashes shaped on its own.
    private static func hostSuffix(_ token: [UInt8]) -> [UInt8] {
        Array(
            token.split(separator: 0x2F, omittingEmptySubsequences: false).map { nameShape(Array($0)) }
                .joined(separator: [0x2F]))
    }

    /// A host or domain name becomes `#.` and its top-level label, a bracketed word `<#>`, with what surrounds them.
    private static func nameShape(_ token: [UInt8]) -> [UInt8] {
        func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 0x2D || byte == 0x23 }
        if token.first == 0x3C, let close = token.firstIndex(of: 0x3E), close > 1,
            token[1..<close].allSatisfy(isNameByte)
        {
            return Array("<#".utf8) + token[close...]
        }
        let valueStart = token.lastIndex(of: 0x3D).map { $0 + 1 } ?? 0
        let start = token[valueStart...].firstIndex(where: isNameByte) ?? token.count
        var end = token[start...].firstIndex { !isNameByte($0) && $0 != 0x2E } ?? token.count
        while end > start && token[end - 1] == 0x2E { end -= 1 }
        let labels = token[start..<end].split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= 2, !labels[0].isEmpty, let last = labels.last, last.count >= 2,
            last.allSatisfy(isLetter)
        else { return token }
        return Array(token[..<start]) + Array("#.".utf8) + Array(last) + Array(token[end...])
    }
}

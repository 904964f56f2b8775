/// Reduces a failure text to what decides its diagnosis, so that repeated failures share one cache entry.
///
/// Reply codes and enhanced codes are kept; email addresses become `<@>`; other numbers become `#`; tokens that
/// are mostly identifiers (queue ids, Gmail's and Exchange's trace ids) become `#id`; host names keep their last
/// three labels, enough for the provider rules that match host suffixes (`*.protection.outlook.com`).
/// ```
/// host mx2.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: User unknown (in reply to RCPT TO command)
/// host mx#.example.com[#.#.#.#] said: 550 5.1.1 <@> User unknown (in reply to RCPT TO command)
/// ```
public enum FailureTextNormaliser {
    /// Texts longer than this are cut before normalising; the cause is stated early in every format.
    public static let maximumLength = 2048

    /// The normalised text.
    public static func normalise(_ text: String) -> String {
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

/// Reduces a failure text to what decides its diagnosis, so that repeated failures share one cache entry.
///
/// Reply codes and enhanced codes are kept; email addresses become `<@>`; other numbers become `#`; tokens that
/// are mostly identifiers (queue ids, Gmail's and Exchange's trace ids) become `#id`; host names keep their last
/// three labels, enough for the provider rules that match host suffixes (`*.protection.outlook.com`).
/// ```
/// host mx2.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: User unknown (in reply to RCPT TO command)
/// host mx#.example.com[#.#.#.#] said: 550 5.1.1 <@> User unknown (in reply to RCPT TO command)
/// ```
/// Every failure of a log passes through here, so the text is read in place, token by token, into one output
/// buffer, without an array per token.
public enum FailureTextNormaliser {
    /// Texts longer than this are cut before normalising; the cause is stated early in every format.
    public static let maximumLength = 2048

    /// The normalised text.
    public static func normalise(_ text: String) -> String {
        var text = text
        return text.withUTF8 { whole in
            let bytes = UnsafeBufferPointer(rebasing: whole.prefix(maximumLength))
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var digitsMarked: [UInt8] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || isSeparator(bytes[index]) {
                if index > start {
                    if !output.isEmpty { output.append(0x20) }
                    appendToken(UnsafeBufferPointer(rebasing: bytes[start..<index]), to: &output, using: &digitsMarked)
                }
                start = index + 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Space, tab, line feed or carriage return.
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// Appends the normalised form of one token; `digitsMarked` is scratch space for the token with its runs of
    /// digits written as `#`.
    private static func appendToken(
        _ token: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], using digitsMarked: inout [UInt8]
    ) {
        if token.contains(0x40) {  // an address
            output.append(contentsOf: "<@>".utf8)
            return
        }
        guard token.contains(where: isDigit) else {
            appendHostSuffix(token[...], to: &output)
            return
        }
        var lower = 0
        var upper = token.count
        while lower < upper && !isDigit(token[lower]) && !isLetter(token[lower]) { lower += 1 }
        while upper > lower && !isDigit(token[upper - 1]) && !isLetter(token[upper - 1]) { upper -= 1 }
        let core = token[lower..<upper]
        if isReplyCode(core) || isEnhancedCode(core) {
            output.append(contentsOf: token)
            return
        }
        digitsMarked.removeAll(keepingCapacity: true)
        var runs = 0
        var inRun = false
        for byte in token {
            if isDigit(byte) {
                if !inRun {
                    digitsMarked.append(0x23)
                    runs += 1
                }
                inRun = true
            } else {
                inRun = false
                digitsMarked.append(byte)
            }
        }
        if runs >= 3 && token.count >= 12 && (!token.contains(0x2E) || lastLabelHasDigit(token)) {
            output.append(contentsOf: "#id".utf8)
            return
        }
        digitsMarked.withUnsafeBufferPointer { appendHostSuffix($0[...], to: &output) }
    }

    /// `a1si1234567qtb.123`: an identifier with dots, not a host name, whose last label would be a top-level domain.
    private static func lastLabelHasDigit(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dot = token.lastIndex(of: 0x2E) else { return false }
        return token[(dot + 1)...].contains(where: isDigit)
    }

    /// `550`, `421-`: a three-digit code starting with 2, 4 or 5.
    private static func isReplyCode(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        token.count == 3 && isClassDigit(token[token.startIndex]) && token.allSatisfy(isDigit)
    }

    /// `5.7.1`, `4.4.315`: three parts of one to three digits, the first a single 2, 4 or 5.
    private static func isEnhancedCode(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var parts = 0
        var length = 0
        for byte in token {
            if byte == 0x2E {
                guard length >= 1 && length <= 3 else { return false }
                parts += 1
                length = 0
            } else {
                guard isDigit(byte) else { return false }
                length += 1
            }
        }
        guard length >= 1 && length <= 3, parts == 2 else { return false }
        return isClassDigit(token[token.startIndex]) && token[token.startIndex + 1] == 0x2E
    }

    private static func isClassDigit(_ byte: UInt8) -> Bool { byte == 0x32 || byte == 0x34 || byte == 0x35 }

    /// A host name keeps its last three labels: `a-b.mail.protection.outlook.com` gives `*.protection.outlook.com`.
    private static func appendHostSuffix(_ token: Slice<UnsafeBufferPointer<UInt8>>, to output: inout [UInt8]) {
        let hostEnd =
            token.firstIndex { !(isLetter($0) || isDigit($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x23) }
            ?? token.endIndex
        var dots = (last: -1, secondLast: -1, thirdLast: -1, count: 0)
        var hasLetter = false
        for index in token.startIndex..<hostEnd {
            let byte = token[index]
            if isLetter(byte) { hasLetter = true }
            if byte == 0x2E && index < hostEnd - 1 {
                dots = (index, dots.last, dots.secondLast, dots.count + 1)
            }
        }
        guard dots.count >= 3, hasLetter else {
            output.append(contentsOf: token)
            return
        }
        output.append(UInt8(ascii: "*"))
        output.append(contentsOf: token[dots.thirdLast...])
    }
}

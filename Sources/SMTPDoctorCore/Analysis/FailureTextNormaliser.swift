/// Reduces a failure text to what decides its diagnosis, so that repeated failures share one cache entry.
///
/// Reply codes and enhanced codes are kept; email addresses become `<@>`; other numbers become `#`; tokens that
/// are mostly identifiers (queue ids, Gmail's and Exchange's trace ids) become `#id`; host and domain names keep
/// only their top-level label (`#.com`), unless the knowledge base tests for a phrase in them (a provider's host
/// suffix, a blocklist's zone): those are kept, so that what a name can tell the rules is not lost.
/// ```
/// host mx2.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: User unknown (in reply to RCPT TO command)
/// host #.com[#.#.#.#] said: 550 5.1.1 <@> User unknown (in reply to RCPT TO command)
/// ```
/// Every failure of a log passes through here, so the text is read in place, token by token, into one output
/// buffer, without an array per token.
public enum FailureTextNormaliser {
    /// Texts longer than this are cut before normalising; the cause is stated early in every format.
    public static let maximumLength = 2048

    /// The normalised text, every host or domain name reduced to its top-level label.
    public static func normalise(_ text: String) -> String {
        normalise(text, keepingNamesWith: nil)
    }

    /// The normalised text.
    /// - Parameters:
    ///   - text: a failure text.
    ///   - phrases: the knowledge base's phrases: a host or domain name that holds one keeps its labels from the one
    ///     where the phrase starts. Without them every name is reduced to its top-level label.
    static func normalise(_ text: String, keepingNamesWith phrases: PhraseSpotter?) -> String {
        var text = text
        return text.withUTF8 { whole in
            let bytes = UnsafeBufferPointer(rebasing: whole.prefix(maximumLength))
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var digitsMarked: [UInt8] = []
            var start = 0
            var previous: UnsafeBufferPointer<UInt8>?
            // A number that looks like a reply code but stands where no reply starts: written as `#` unless an
            // enhanced code follows it.
            var doubtfulCode: (written: Range<Int>, token: UnsafeBufferPointer<UInt8>)?
            for index in 0...bytes.count where index == bytes.count || isSeparator(bytes[index]) {
                guard index > start else {
                    start = index + 1
                    continue
                }
                let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
                let core = codeCore(token)
                if let doubtful = doubtfulCode, isEnhancedCode(core) {
                    output.replaceSubrange(doubtful.written, with: doubtful.token)
                }
                doubtfulCode = nil
                if !output.isEmpty { output.append(0x20) }
                let written = output.count
                if isReplyCode(core), let previous, previous.last != UInt8(ascii: ":") {
                    appendMarkingDigits(token, to: &output, using: &digitsMarked, phrases: phrases)
                    doubtfulCode = (written..<output.count, token)
                } else {
                    appendToken(token, to: &output, using: &digitsMarked, phrases: phrases)
                }
                previous = token
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
        _ token: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], using digitsMarked: inout [UInt8],
        phrases: PhraseSpotter?
    ) {
        if token.contains(0x40) {  // an address
            output.append(contentsOf: "<@>".utf8)
            return
        }
        guard token.contains(where: isDigit) else {
            appendHostShape(token[...], of: token, phrases: phrases, to: &output)
            return
        }
        let core = codeCore(token)
        if isReplyCode(core) || isEnhancedCode(core) {
            output.append(contentsOf: token)
            return
        }
        appendMarkingDigits(token, to: &output, using: &digitsMarked, phrases: phrases)
    }

    /// The token without the punctuation around it: `550` of `(550)`, `5.7.1` of `5.7.1;`.
    private static func codeCore(_ token: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var lower = 0
        var upper = token.count
        while lower < upper && !isDigit(token[lower]) && !isLetter(token[lower]) { lower += 1 }
        while upper > lower && !isDigit(token[upper - 1]) && !isLetter(token[upper - 1]) { upper -= 1 }
        return token[lower..<upper]
    }

    /// Appends a token with its runs of digits written as `#`: `#id` for an identifier, the shape of a host name,
    /// or the token so marked.
    private static func appendMarkingDigits(
        _ token: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], using digitsMarked: inout [UInt8],
        phrases: PhraseSpotter?
    ) {
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
        digitsMarked.withUnsafeBufferPointer {
            appendHostShape($0[...], of: token, phrases: phrases, to: &output)
        }
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

    /// Appends a token whose digits are already marked, each part between slashes shaped on its own (the host and
    /// the file of a URL, the parts of a path) by `appendNameShape`; `original` is the token before marking, whose
    /// slashes are at the same places.
    private static func appendHostShape(
        _ token: Slice<UnsafeBufferPointer<UInt8>>, of original: UnsafeBufferPointer<UInt8>, phrases: PhraseSpotter?,
        to output: inout [UInt8]
    ) {
        var part = token.startIndex
        var originalPart = original.startIndex
        while true {
            let end = token[part...].firstIndex(of: 0x2F) ?? token.endIndex
            let originalEnd = original[originalPart...].firstIndex(of: 0x2F) ?? original.endIndex
            appendNameShape(
                token[part..<end], of: UnsafeBufferPointer(rebasing: original[originalPart..<originalEnd]),
                phrases: phrases, to: &output)
            guard end < token.endIndex, originalEnd < original.endIndex else { return }
            output.append(0x2F)
            part = end + 1
            originalPart = originalEnd + 1
        }
    }

    /// A host or domain name — labels of letters, digits (already `#`) and hyphens, the last of two letters or more —
    /// becomes `#.` and its top-level label, with the brackets and whatever else surround it:
    /// `mx#.example.com[#.#.#.#]` gives `#.com[#.#.#.#]`, `<example.org>:` gives `<#.org>:`, `name=example.org`
    /// gives `name=#.org`; a bracketed word becomes `<#>` (`<mx-host>:` gives `<#>:`). When the `original` part
    /// holds one of the `phrases`, a word is kept, and a name keeps its labels from the one where the first phrase
    /// starts: `mta#.mail.gq#.yahoo.com` gives `#.yahoo.com` (the phrases hold `yahoo`). Anything else is kept.
    private static func appendNameShape(
        _ token: Slice<UnsafeBufferPointer<UInt8>>, of original: UnsafeBufferPointer<UInt8>, phrases: PhraseSpotter?,
        to output: inout [UInt8]
    ) {
        func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 0x2D || byte == 0x23 }
        // Looked for only once the token is known to be a name or a bracketed word: most tokens are neither.
        func phraseStart() -> Int? { phrases?.firstPhraseStart(in: original) }
        if token.first == 0x3C, let close = token.firstIndex(of: 0x3E), close > token.startIndex + 1,
            token[(token.startIndex + 1)..<close].allSatisfy(isNameByte)
        {
            guard phraseStart() == nil else {
                output.append(contentsOf: token)
                return
            }
            output.append(contentsOf: "<#".utf8)
            output.append(contentsOf: token[close...])
            return
        }
        // `name=example.org`: a name given as a value starts after the sign.
        let valueStart = token.lastIndex(of: 0x3D).map { $0 + 1 } ?? token.startIndex
        let nameStart = token[valueStart...].firstIndex(where: isNameByte) ?? token.endIndex
        var nameEnd = token[nameStart...].firstIndex { !isNameByte($0) && $0 != 0x2E } ?? token.endIndex
        while nameEnd > nameStart && token[nameEnd - 1] == 0x2E { nameEnd -= 1 }
        guard let lastDot = token[nameStart..<nameEnd].lastIndex(of: 0x2E), lastDot > nameStart,
            nameEnd - lastDot > 2, token[(lastDot + 1)..<nameEnd].allSatisfy(isLetter)
        else {
            output.append(contentsOf: token)
            return
        }
        var keptFrom = lastDot
        if let phraseStart = phraseStart() {
            // Marking digits keeps the dots, so the phrase's label is found by counting them.
            let label = original[..<phraseStart].count { $0 == 0x2E }
            var dots = 0
            for index in token.indices where token[index] == 0x2E {
                dots += 1
                if dots == label {
                    keptFrom = min(index, lastDot)
                    break
                }
            }
            guard label > 0, keptFrom > nameStart else {
                output.append(contentsOf: token)
                return
            }
        }
        output.append(contentsOf: token[..<nameStart])
        output.append(UInt8(ascii: "#"))
        output.append(contentsOf: token[keptFrom...])
    }
}

/// Finds a reply code at the start of an ASCII text (`550 5.1.1 …`, `> 421-…`, a bare `535`), byte by byte: what the
/// error-text parser's regular expression `^\W{0,3}([245][0-5]\d)(?:[ -](.*))?$` finds in the same text, without
/// compiling it or converting the text to UTF-16.
///
/// On an ASCII text `\W` is any byte but `[A-Za-z0-9_]`; `.` is any byte but a line terminator (line feed, vertical
/// tab, form feed, carriage return); and `$` matches at the end of the text or just before a line terminator that
/// ends it, a carriage return and line feed counting as one terminator.
enum LeadingReplyCodeScanner {
    /// The match in an ASCII text: the whole match, the reply code and what follows its separator (empty when the
    /// code ends the text), with byte offsets (which are the UTF-16 offsets of an ASCII text).
    static func leadingCode(in text: String) -> Match? {
        var text = text
        return text.withUTF8 { bytes -> Match? in
            // `\W{0,3}` then a digit: the non-word bytes before the code are all taken, and there are at most three.
            var start = 0
            while start < bytes.count, !isWord(bytes[start]) { start += 1 }
            guard start <= 3, start + 3 <= bytes.count, isClassDigit(bytes[start]),
                (ascii("0")...ascii("5")).contains(bytes[start + 1]), ASCIIText.isDigit(bytes[start + 2])
            else { return nil }
            let codeEnd = start + 3
            let string = { (range: Range<Int>) in
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            if codeEnd < bytes.count, bytes[codeEnd] == ascii(" ") || bytes[codeEnd] == ascii("-") {
                // `.*` stops at the first line terminator; no shorter run can end where `$` matches, and without
                // the group `$` cannot match before the separator either.
                var end = codeEnd + 1
                while end < bytes.count, !isLineTerminator(bytes[end]) { end += 1 }
                guard endsText(bytes, at: end) else { return nil }
                return Match(
                    groups: [string(0..<end), string(start..<codeEnd), string(codeEnd + 1..<end)], start: 0, end: end)
            }
            guard endsText(bytes, at: codeEnd) else { return nil }
            return Match(groups: [string(0..<codeEnd), string(start..<codeEnd), ""], start: 0, end: codeEnd)
        }
    }

    /// Whether `$` matches at `position`: the end of the text, or before the line terminator that ends it (not
    /// between the carriage return and the line feed of a final CR LF).
    private static func endsText(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        switch bytes.count - position {
        case 0: return true
        case 1:
            return isLineTerminator(bytes[position])
                && !(bytes[position] == ascii("\n") && position > 0 && bytes[position - 1] == ascii("\r"))
        case 2: return bytes[position] == ascii("\r") && bytes[position + 1] == ascii("\n")
        default: return false
        }
    }

    private static func isLineTerminator(_ byte: UInt8) -> Bool {
        (ascii("\n")...ascii("\r")).contains(byte)
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        ASCIIText.isDigit(byte) || (ascii("a")...ascii("z")).contains(byte | 0x20) || byte == ascii("_")
    }

    private static func isClassDigit(_ byte: UInt8) -> Bool {
        byte == ascii("2") || byte == ascii("4") || byte == ascii("5")
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }
}

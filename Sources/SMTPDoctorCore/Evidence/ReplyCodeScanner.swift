/// Finds a reply code followed by an enhanced status code (`535 5.7.8`, `550-5.1.1`, `421 (4.4.2)`) in an ASCII text,
/// byte by byte: what the error-text parser's first regular expression,
/// `(?<![\w.])([245][0-5]\d)(?:[ -]|,\s*b?['"]|\)\s*|\s*\(|#)#?([245]\.\d{1,3}\.\d{1,3})(?![\d.]*\d)`, finds in
/// the same text, without compiling it or converting the text to UTF-16.
///
/// It tries the same alternatives in the same order as the regular-expression engine, and takes the leftmost match;
/// on an ASCII text `\w`, `\d` and `\s` are `[A-Za-z0-9_]`, `[0-9]` and tab to carriage return or space.
enum ReplyCodeScanner {
    /// The leftmost match in an ASCII text: the whole match, the reply code and the enhanced code, with byte offsets
    /// (which are the UTF-16 offsets of an ASCII text).
    static func codeAndEnhanced(in text: String) -> Match? {
        var text = text
        return text.withUTF8 { bytes -> Match? in
            for start in 0..<max(0, bytes.count - 2) {
                guard let (enhancedStart, end) = match(bytes, at: start) else { continue }
                let group = { (range: Range<Int>) in
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                }
                return Match(
                    groups: [group(start..<end), group(start..<start + 3), group(enhancedStart..<end)], start: start,
                    end: end)
            }
            return nil
        }
    }

    /// The start of the enhanced code and the end of a match that starts at `start`, if one does.
    private static func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        if start > 0, isWordOrDot(bytes[start - 1]) { return nil }
        guard isClassDigit(bytes[start]), (ascii("0")...ascii("5")).contains(bytes[start + 1]),
            ASCIIText.isDigit(bytes[start + 2])
        else { return nil }
        let separatorStart = start + 3
        for separatorEnd in separatorEnds(bytes, from: separatorStart) {
            let enhancedStart = byte(bytes, separatorEnd) == ascii("#") ? separatorEnd + 1 : separatorEnd
            if let end = enhancedEnd(bytes, from: enhancedStart) { return (enhancedStart, end) }
        }
        return nil
    }

    /// Where each alternative of `(?:[ -]|,\s*b?['"]|\)\s*|\s*\(|#)` that matches at `position` ends, in the order
    /// the alternatives are written. Within each, backtracking could not lead to a match that the greedy reading
    /// misses, as an enhanced code cannot start with white space.
    private static func separatorEnds(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> [Int] {
        var ends: [Int] = []
        let first = byte(bytes, position)
        if first == ascii(" ") || first == ascii("-") { ends.append(position + 1) }
        if first == ascii(",") {
            var next = skippingWhitespace(bytes, from: position + 1)
            if byte(bytes, next) == ascii("b") { next += 1 }
            if byte(bytes, next) == ascii("'") || byte(bytes, next) == ascii("\"") { ends.append(next + 1) }
        }
        if first == ascii(")") { ends.append(skippingWhitespace(bytes, from: position + 1)) }
        let parenthesis = skippingWhitespace(bytes, from: position)
        if byte(bytes, parenthesis) == ascii("(") { ends.append(parenthesis + 1) }
        if first == ascii("#") { ends.append(position + 1) }
        return ends
    }

    /// The end of `[245]\.\d{1,3}\.\d{1,3}(?![\d.]*\d)` starting at `position`, if it matches there.
    private static func enhancedEnd(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
        guard isClassDigit(byte(bytes, position)), byte(bytes, position + 1) == ascii(".") else { return nil }
        let subjectEnd = digitsEnd(bytes, from: position + 2)
        guard (1...3).contains(subjectEnd - position - 2), byte(bytes, subjectEnd) == ascii(".") else { return nil }
        let end = digitsEnd(bytes, from: subjectEnd + 1)
        guard (1...3).contains(end - subjectEnd - 1) else { return nil }
        var after = end
        while after < bytes.count, bytes[after] == ascii(".") || ASCIIText.isDigit(bytes[after]) {
            if ASCIIText.isDigit(bytes[after]) { return nil }
            after += 1
        }
        return end
    }

    private static func digitsEnd(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var end = position
        while end < bytes.count, ASCIIText.isDigit(bytes[end]) { end += 1 }
        return end
    }

    private static func skippingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var end = position
        while end < bytes.count, ASCIIText.isWhitespace(bytes[end]) { end += 1 }
        return end
    }

    /// The byte at `position`, or 0 past the end (0 matches no byte the pattern looks for).
    private static func byte(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> UInt8 {
        position < bytes.count ? bytes[position] : 0
    }

    private static func isClassDigit(_ byte: UInt8) -> Bool {
        byte == ascii("2") || byte == ascii("4") || byte == ascii("5")
    }

    private static func isWordOrDot(_ byte: UInt8) -> Bool {
        ASCIIText.isDigit(byte) || (ascii("a")...ascii("z")).contains(byte | 0x20) || byte == ascii("_")
            || byte == ascii(".")
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }
}

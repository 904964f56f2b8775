import Foundation

/// Byte-level work on texts that are all ASCII, where one byte is one character: the hot path of the error-text
/// parser, which would otherwise walk grapheme clusters or convert the text to UTF-16 for a regular expression.
///
/// Every function gives what the `Character`-level or regular-expression code it stands for gives on an ASCII text;
/// callers use that code for any other text.
enum ASCIIText {
    /// Whether every byte of the text is ASCII.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isASCII) ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether every byte is ASCII, tested eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Whether the byte is white space as `Character.isWhitespace` sees it: tab, line feed, vertical tab, form feed,
    /// carriage return or space.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Whether the byte ends a line as `Character.isNewline` sees it: line feed, vertical tab, form feed or carriage
    /// return.
    static func isNewline(_ byte: UInt8) -> Bool {
        (0x0A...0x0D).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// The words of the text joined by single spaces.
    static func collapsingWhitespace(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if isWhitespace(byte) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text.lowercased()`, made byte by byte when the text is ASCII (where it only maps `A`–`Z` to `a`–`z`), and
    /// scalar by scalar by `UnicodeLowercasing` otherwise.
    static func lowercased<Text: StringProtocol>(_ text: Text) -> String {
        var isASCII = true
        let lowered = String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
            var count = 0
            for byte in text.utf8 {
                guard byte < 0x80 else {
                    isASCII = false
                    return 0
                }
                buffer[count] = folded(byte)
                count += 1
            }
            return count
        }
        return isASCII ? lowered : UnicodeLowercasing.lowercased(text)
    }

    /// `text.trimmingCharacters(in: set)` for a set whose ASCII members are the bytes `isMember` accepts: those bytes
    /// are dropped from both ends byte by byte, and Foundation, which works on a UTF-16 copy of the text, is asked
    /// only when a non-ASCII scalar is left at either end.
    static func trimming<Text: StringProtocol>(
        _ text: Text, _ set: CharacterSet, asciiMembers isMember: (UInt8) -> Bool
    ) -> String where Text.UTF8View: BidirectionalCollection {
        let bytes = text.utf8
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower != upper, isMember(bytes[lower]) { bytes.formIndex(after: &lower) }
        while upper != lower, isMember(bytes[bytes.index(before: upper)]) { bytes.formIndex(before: &upper) }
        if lower == upper { return "" }
        guard bytes[lower] < 0x80, bytes[bytes.index(before: upper)] < 0x80 else {
            return text.trimmingCharacters(in: set)
        }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// `text.trimmingCharacters(in: .whitespaces)`, whose ASCII members are the space and the tab.
    static func trimmingWhitespaces<Text: StringProtocol>(_ text: Text) -> String
    where Text.UTF8View: BidirectionalCollection {
        trimming(text, .whitespaces) { $0 == 0x20 || $0 == 0x09 }
    }

    /// The non-empty lines of the text.
    static func lines(_ text: String) -> [String] {
        text.utf8.split(whereSeparator: isNewline).map { String(Substring($0)) }
    }

    /// The text without spaces and tabs at either end.
    static func trimmingSpaces(_ text: String) -> String {
        let utf8 = text.utf8
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(Substring(utf8[first...last]))
    }

    /// Whether one of the lower-case phrases occurs in the text, ignoring the case of its letters.
    static func containsAny(_ text: String, _ phrases: [String]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in phrases.contains { containsFolded(bytes, $0) } }
    }

    private static func containsFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ phrase: String) -> Bool {
        var phrase = phrase
        return phrase.withUTF8 { needle in
            guard let first = needle.first else { return true }
            guard needle.count <= bytes.count else { return false }
            // Places where the phrase may start are found by its first byte in either case; only there is the rest
            // compared.
            let otherCase = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) ? first ^ 0x20 : first
            for start in 0...(bytes.count - needle.count) where bytes[start] == first || bytes[start] == otherCase {
                var offset = 1
                while offset < needle.count && folded(bytes[start + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            return false
        }
    }

    private static func folded(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether a reply code — `2`, `4` or `5`, then `0`–`5`, then a digit — occurs in the text.
    static func hasReplyCode(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 3 else { return false }
            return (0..<(bytes.count - 2)).contains { index in
                isClassDigit(bytes[index]) && (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(bytes[index + 1])
                    && isDigit(bytes[index + 2])
            }
        }
    }

    /// Whether `2`, `4` or `5` and then `0`–`5` occur in a row in the text, whatever its other characters: the
    /// first two digits of a reply code, which a pattern can only match as these two bytes.
    static func hasReplyCodeStart(_ text: String) -> Bool {
        hasPair(text) { isClassDigit($0) && (UInt8(ascii: "0")...UInt8(ascii: "5")).contains($1) }
    }

    /// Whether `2`, `4` or `5` and then a dot occur in a row in the text, whatever its other characters: the start
    /// of an enhanced status code, which a pattern can only match as these two bytes.
    static func hasEnhancedCodeStart(_ text: String) -> Bool {
        hasPair(text) { isClassDigit($0) && $1 == UInt8(ascii: ".") }
    }

    private static func hasPair(_ text: String, _ isPair: (UInt8, UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.count >= 2 && (0..<(bytes.count - 1)).contains { isPair(bytes[$0], bytes[$0 + 1]) }
        }
    }

    /// Whether the start of an enhanced status code — `2`, `4` or `5`, a dot, a digit — occurs in the text.
    static func hasEnhancedCode(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.count >= 3
                && (0..<(bytes.count - 2)).contains { index in
                    isClassDigit(bytes[index]) && bytes[index + 1] == UInt8(ascii: ".") && isDigit(bytes[index + 2])
                }
        }
    }

    /// Whether the text has a digit, a dot and a digit in a row, and at least three dots: the least an IPv4 address
    /// needs.
    static func mayHaveIPv4Address(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.lazy.filter { $0 == UInt8(ascii: ".") }.count >= 3
                && (1..<max(1, bytes.count - 1)).contains { index in
                    bytes[index] == UInt8(ascii: ".") && isDigit(bytes[index - 1]) && isDigit(bytes[index + 1])
                }
        }
    }

    private static func isClassDigit(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "2") || byte == UInt8(ascii: "4") || byte == UInt8(ascii: "5")
    }
}

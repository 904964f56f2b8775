/// A regular expression of single characters only — literal characters, escaped punctuation, `\d` and bracketed sets
/// of letters, digits and ranges — with an optional leading `(?i)`, `^` and trailing `$`, matched on an ASCII text
/// byte by byte.
///
/// Patterns that test the shape of a code (`^[245]\.7\.`, `^5\.7\.9[0-9][0-9]$`) are of this kind; matching them
/// this way gives the regular-expression engine's answer without compiling anything, which, for the first pattern a
/// process compiles, includes starting the engine. On an ASCII text `^` matches at the start only, `$` at the end or
/// before a line terminator (line feed, vertical tab, form feed, carriage return, or CR LF) that ends the text,
/// `\d` is `[0-9]`, and `(?i)` folds ASCII letters.
struct PlainPattern: Sendable {
    /// The bytes each position of a match may hold, one bit per ASCII byte.
    private let positions: [ByteSet]
    private let anchoredAtStart: Bool
    private let anchoredAtEnd: Bool

    /// The pattern's positions, or `nil` when it has anything else (groups, alternatives, quantifiers, `.`,
    /// character-class escapes other than `\d`, negated sets, non-ASCII characters).
    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)[...]
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let caseInsensitive = bytes.starts(with: "(?i)".utf8)
        if caseInsensitive { bytes = bytes.dropFirst(4) }
        anchoredAtStart = bytes.first == UInt8(ascii: "^")
        if anchoredAtStart { bytes = bytes.dropFirst() }
        anchoredAtEnd = bytes.last == UInt8(ascii: "$")
        if anchoredAtEnd { bytes = bytes.dropLast() }
        var positions: [ByteSet] = []
        while let byte = bytes.popFirst() {
            var set = ByteSet()
            switch byte {
            case UInt8(ascii: "\\"):
                guard let escaped = bytes.popFirst() else { return nil }
                if escaped == UInt8(ascii: "d") {
                    set.insert(UInt8(ascii: "0")...UInt8(ascii: "9"))
                } else if ByteSet.isAlphanumeric(escaped) {
                    return nil
                } else {
                    set.insert(escaped...escaped)
                }
            case UInt8(ascii: "["):
                guard let parsed = Self.set(&bytes) else { return nil }
                set = parsed
            default:
                guard !Array(#"()|?*+{}.^$]"#.utf8).contains(byte) else { return nil }
                set.insert(byte...byte)
            }
            positions.append(caseInsensitive ? set.caseFolded : set)
        }
        guard !positions.isEmpty else { return nil }
        self.positions = positions
    }

    /// Whether the pattern matches anywhere in the first `limit` bytes of an ASCII text.
    func matches(_ text: String, within limit: Int) -> Bool {
        var text = text
        return text.withUTF8 { all in
            let bytes = UnsafeBufferPointer(rebasing: all[..<min(all.count, limit)])
            guard bytes.count >= positions.count else { return false }
            let lastStart = anchoredAtStart ? 0 : bytes.count - positions.count
            return (0...lastStart).contains { start in
                positions.indices.allSatisfy { positions[$0].contains(bytes[start + $0]) }
                    && (!anchoredAtEnd || ASCIIRegex.endsText(bytes, at: start + positions.count))
            }
        }
    }

    /// A bracketed set after its `[`, up to and including its `]`: letters, digits and ranges of them only.
    private static func set(_ bytes: inout ArraySlice<UInt8>) -> ByteSet? {
        var set = ByteSet()
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "]") { return set.isEmpty ? nil : set }
            guard ByteSet.isAlphanumeric(byte) else { return nil }
            if bytes.first == UInt8(ascii: "-") {
                bytes.removeFirst()
                guard let upper = bytes.popFirst(), ByteSet.isAlphanumeric(upper), byte <= upper else { return nil }
                set.insert(byte...upper)
            } else {
                set.insert(byte...byte)
            }
        }
        return nil
    }

    /// A set of ASCII bytes, as the regular-expression matcher keeps them.
    private typealias ByteSet = ASCIIRegex.ByteSet
}

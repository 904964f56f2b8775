/// The one sanitiser for text from outside — error texts, server replies and banners, log lines, file names,
/// certificate fields — on its way to a terminal, a document or a JSON consumer.
///
/// Why at the end of every renderer rather than at each field: a renderer that forgets a field cannot leak, and the
/// program's own output never needs a control character besides line feed and tab (and, on a colour terminal, the
/// SGR colour codes of ``TextStyle``).
///
/// Unsafe are the C0 controls but tab and line feed (ESC, BEL, NUL, CR, …), DEL, the C1 controls (U+0080–U+009F, of
/// which U+009B is a one-character CSI), the bidirectional formatting characters that reorder what the reader sees
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), and the line and paragraph separators U+2028 and U+2029.
/// Invalid UTF-8 never gets this far: every reader decodes it to U+FFFD.
public enum UntrustedText {
    /// Whether a scalar must not reach a terminal or a document as it is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Whether the text holds a scalar that ``isUnsafe(_:)``, found on its UTF-8 bytes without decoding a scalar.
    ///
    /// Exact: the unsafe scalars above U+007F start with the bytes C2 (U+0080–U+009F), D8 (U+061C) and E2 (U+200E and
    /// the rest), which never continue another scalar, so each is recognised where its first byte stands. Most texts
    /// are ASCII, and walking their scalars one by one cost more than the rest of writing a diagnosis.
    public static func containsUnsafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                switch byte {
                case 0x09, 0x0A: break
                case 0x00...0x1F, 0x7F: return true
                case 0xC2 where (0x80...0x9F).contains(next): return true
                case 0xD8 where next == 0x9C: return true
                case 0xE2 where next == 0x80 && ((0x8E...0x8F).contains(third) || (0xA8...0xAE).contains(third)):
                    return true
                case 0xE2 where next == 0x81 && (0xA6...0xA9).contains(third): return true
                default: break
                }
                index += 1
            }
            return false
        }
    }

    /// The scalar as visible text: `\x1b` for a control character up to U+00FF, `\u{202E}` above.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return scalar.value <= 0xFF
            ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{" + hex.uppercased() + "}"
    }

    /// The text with every unsafe scalar shown visibly (see ``visible(_:)-swift.type.method``); for documents.
    public static func visible(_ text: String) -> String {
        guard containsUnsafe(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) { out.append(contentsOf: visible(scalar).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// Text for a terminal: every unsafe scalar shown visibly, except, when `keepingColours`, the SGR sequences
    /// (`ESC [ digits ; … m`) that only change the colour and weight of the text.
    public static func terminal(_ text: String, keepingColours: Bool) -> String {
        guard containsUnsafe(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if keepingColours, scalar == "\u{1B}", let end = colourSequenceEnd(scalars, from: index) {
                out.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }
            if isUnsafe(scalar) { out.append(contentsOf: visible(scalar).unicodeScalars) } else { out.append(scalar) }
            index += 1
        }
        return String(out)
    }

    /// Encoded JSON with every unsafe scalar that the encoder left as it is (DEL, C1, bidirectional formatting)
    /// written as a `\uXXXX` escape: the same JSON value, safe to print.
    public static func json(_ encoded: String) -> String {
        guard containsUnsafe(encoded) else { return encoded }
        var out = String.UnicodeScalarView()
        for scalar in encoded.unicodeScalars {
            guard isUnsafe(scalar) else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        }
        return String(out)
    }

    /// The index of the `m` that ends an SGR sequence starting at `start`, if one does.
    private static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, index - start < 16 {
            switch scalars[index] {
            case "m": return index
            case "0"..."9", ";": index += 1
            default: return nil
            }
        }
        return nil
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the bytes of a body part into text from the charset its `Content-Type` names (ISO-2022-JP, Shift_JIS,
/// EUC-JP, KOI8-R, GB2312, Big5, Windows-125x …) with the system's iconv; UTF-8 and ASCII need no conversion.
/// Bytes iconv cannot convert end the conversion; what is left is decoded as UTF-8 with replacement characters.
enum CharsetDecoder {
    /// Charsets read as UTF-8 directly.
    private static let utf8Compatible: Set<String> = ["utf-8", "utf8", "us-ascii", "ascii", ""]

    /// Charsets that mail software often writes in place of the declared one: ISO-2022-JP is 7-bit, so 8-bit bytes
    /// in a part labelled with it are EUC-JP or Shift_JIS (Japanese carriers' bounces); the Microsoft code pages
    /// are supersets of the ISO and national charsets they are sent as.
    private static let substitutes: [String: [String]] = [
        "iso-2022-jp": ["euc-jp", "cp932"], "shift_jis": ["cp932"], "sjis": ["cp932"], "euc-jp": ["cp932"],
        "gb2312": ["gb18030"], "gbk": ["gb18030"], "big5": ["big5-hkscs"], "ks_c_5601-1987": ["cp949"],
        "euc-kr": ["cp949"], "iso-8859-1": ["windows-1252"],
    ]

    /// The text of `bytes` in `charset` (nil: UTF-8). When the declared charset cannot convert every byte, the
    /// charsets it is commonly mistaken for are tried; the first that converts everything wins.
    static func text(_ bytes: [UInt8], charset: String?) -> String {
        let name = (charset ?? "").trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
        if utf8Compatible.contains(name) || bytes.isEmpty { return String(decoding: bytes, as: UTF8.self) }
        let declared = convert(bytes, from: name)
        if let declared, declared.complete { return declared.text }
        for substitute in substitutes[name] ?? [] {
            if let converted = convert(bytes, from: substitute), converted.complete { return converted.text }
        }
        return declared?.text ?? String(decoding: bytes, as: UTF8.self)
    }

    /// The conversion of `bytes` from `name` with iconv: the text, and whether every byte was converted; nil when
    /// iconv does not know the charset. Bytes after the first it cannot convert are decoded as UTF-8.
    private static func convert(_ bytes: [UInt8], from name: String) -> (text: String, complete: Bool)? {
        let converter = iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var consumed = 0
        var produced = 0
        input.withUnsafeMutableBytes { source in
            output.withUnsafeMutableBytes { target in
                var inPointer = source.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = source.count
                var outPointer = target.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = target.count
                _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                consumed = source.count - inLeft
                produced = target.count - outLeft
            }
        }
        let text =
            String(decoding: output[..<produced], as: UTF8.self) + String(decoding: bytes[consumed...], as: UTF8.self)
        return (text, consumed == bytes.count)
    }
}

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

    /// The text of `bytes` in `charset` (nil: UTF-8).
    static func text(_ bytes: [UInt8], charset: String?) -> String {
        let name = (charset ?? "").trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
        if utf8Compatible.contains(name) || bytes.isEmpty { return String(decoding: bytes, as: UTF8.self) }
        let converter = iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return String(decoding: bytes, as: UTF8.self) }
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
        return String(decoding: output[..<produced], as: UTF8.self)
            + String(decoding: bytes[consumed...], as: UTF8.self)
    }
}

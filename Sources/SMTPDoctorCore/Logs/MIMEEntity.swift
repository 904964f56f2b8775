import Foundation

/// A message or body part split into its header fields and its decoded body, enough to find the parts of a
/// bounce. Nested multiparts and attached messages are followed a few levels deep; bodies are decoded from base64
/// and quoted-printable, then from their charset.
struct MIMEEntity {
    /// Header fields, names lower-cased, continuation lines joined; the first of each name is kept.
    let headers: [String: String]
    /// The media type, lower-case, without parameters: `message/delivery-status`. A parameter folded onto the next
    /// line without its `;` (`text/plain` then `   charset="iso-2022-jp"`) is not part of the type.
    let mediaType: String
    /// The body, decoded.
    let body: String
    /// The parts, when the entity is a multipart.
    let parts: [MIMEEntity]

    /// Parts nested deeper than this are not split.
    static let maximumDepth = 4

    /// Parses an entity from its text. `latin1` says that each character of `text` stands for one byte of the
    /// original message (a message that is not UTF-8, read byte for byte), so that bodies in 8-bit charsets
    /// (Shift_JIS, EUC-JP, KOI8-R …) reach the charset decoder with their own bytes.
    init(_ text: Substring, latin1: Bool = false, depth: Int = 0) {
        let (headers, body) = Self.split(text)
        self.headers = headers
        let type = headers["content-type"] ?? "text/plain"
        mediaType = Self.mediaType(of: type)
        if mediaType.hasPrefix("multipart/"), depth < Self.maximumDepth,
            let boundary = Self.parameter("boundary", in: type)
        {
            parts = Self.parts(of: body, boundary: boundary).map { MIMEEntity($0, latin1: latin1, depth: depth + 1) }
            // A multipart whose boundary never appears (a broken bounce) keeps its text as a body.
            self.body = parts.isEmpty ? String(body) : ""
        } else if mediaType.hasPrefix("message/rfc822"), depth < Self.maximumDepth {
            // A forwarded bounce or a returned message: its own parts are searched too.
            self.body = ""
            parts = [MIMEEntity(body, latin1: latin1, depth: depth + 1)]
        } else {
            self.body = CharsetDecoder.text(
                Self.decode(body, encoding: headers["content-transfer-encoding"], latin1: latin1),
                charset: Self.parameter("charset", in: type))
            parts = []
        }
    }

    /// The media type of a `Content-Type` value.
    private static func mediaType(of value: String) -> String {
        let type = value.drop { $0 == " " || $0 == "\t" }
        return type.prefix { $0 != ";" && $0 != " " && $0 != "\t" }.lowercased()
    }

    /// This entity and every part inside it, depth first.
    var allParts: [MIMEEntity] { [self] + parts.flatMap(\.allParts) }

    // MARK: - Headers

    /// Splits header fields from the body at the first empty line.
    static func split(_ text: Substring) -> ([String: String], Substring) {
        var headers: [String: String] = [:]
        var name: String?
        var value = ""
        var index = text.startIndex
        func finish() {
            if let name, headers[name] == nil { headers[name] = trimmed(value[...]) }
        }
        while index < text.endIndex {
            let end = Self.lineEnd(in: text, from: index)
            var line = text[index..<end]
            if line.hasSuffix("\r") { line = line.dropLast() }
            index = end < text.endIndex ? text.utf8.index(after: end) : end
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                value += " " + trimmed(line)
                continue
            }
            guard let colon = Self.firstColon(in: line) else {
                // A fold that lost its leading white space (`Content-Type: multipart/alternative;` then
                // `boundary="…"` at the start of the next line) still continues the field before it.
                if name != nil { value += " " + trimmed(line) }
                continue
            }
            finish()
            name = ASCIIText.lowercased(trimmed(line[..<colon]))
            value = String(line[line.index(after: colon)...])
        }
        finish()
        return (headers, text[index...])
    }

    /// `line.firstIndex(of: ":")`. The first colon byte is that Character when the bytes on either side of it are
    /// ASCII (a colon is then neither joined with a mark after it nor with a prefix before it); otherwise the
    /// Characters are searched.
    private static func firstColon(in line: Substring) -> Substring.Index? {
        let bytes = line.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let after = bytes.index(after: colon)
        if colon == bytes.startIndex || bytes[bytes.index(before: colon)] < 0x80,
            after == bytes.endIndex || bytes[after] < 0x80
        {
            return colon
        }
        return line.firstIndex(of: ":")
    }

    /// A header line or value without the white space around it. Header lines hold no line ends, so this is the
    /// space and tab trimming of `trimmingCharacters(in: .whitespaces)` without its round trip through Foundation's
    /// UTF-16 strings, which cost more than the rest of the header parsing.
    private static func trimmed(_ text: Substring) -> String {
        // ASCII white space is dropped byte by byte; when the text left starts and ends with an ASCII byte, that
        // byte starts or ends a Character that is not white space, and the bytes are the answer.
        let bytes = text.utf8
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower != upper, isASCIIWhitespace(bytes[lower]) { lower = bytes.index(after: lower) }
        while upper != lower, isASCIIWhitespace(bytes[bytes.index(before: upper)]) {
            upper = bytes.index(before: upper)
        }
        if lower == upper { return "" }
        if bytes[lower] < 0x80 && bytes[bytes.index(before: upper)] < 0x80 { return String(text[lower..<upper]) }
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }

    /// What is dropped around a parameter's value: white space and the quotes of a quoted string.
    private static let parameterQuoting = CharacterSet(charactersIn: " \t\"")

    /// A parameter of a header value: `boundary` of `multipart/report; report-type=delivery-status; boundary="x"`.
    /// A parameter that follows the type after white space only (its `;` lost) is found too.
    static func parameter(_ name: String, in value: String) -> String? {
        // The value is cut at the bytes of `;` and `=`, which are characters of their own in any header a mail
        // program writes: a long value (some hold a whole folded header) is not walked Character by Character.
        var pieces = value.utf8.split(separator: UInt8(ascii: ";"))
        guard let first = pieces.first else { return nil }
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        pieces[0] = first.drop(while: isBlank).drop { !isBlank($0) }
        for piece in pieces {
            guard let equals = piece.firstIndex(of: UInt8(ascii: "=")), equals != piece.startIndex,
                piece.index(after: equals) != piece.endIndex,
                ASCIIText.lowercased(ASCIIText.trimmingWhitespaces(Substring(piece[..<equals]))) == name
            else { continue }
            return ASCIIText.trimming(Substring(piece[piece.index(after: equals)...]), parameterQuoting) {
                $0 == 0x20 || $0 == 0x09 || $0 == 0x22
            }
        }
        return nil
    }

    // MARK: - Multipart

    private static func parts(of body: Substring, boundary: String) -> [Substring] {
        let delimiter = "--" + boundary
        let asciiDelimiter = ASCIIText.isASCII(delimiter)
        var parts: [Substring] = []
        var start: Substring.Index?
        var index = body.startIndex
        while index < body.endIndex {
            let end = Self.lineEnd(in: body, from: index)
            let line = body[index..<end]
            let next = end < body.endIndex ? body.utf8.index(after: end) : end
            // A delimiter line starts with the bytes "--" ("-" has no other canonical form): other lines are not
            // compared Character by Character.
            if line.utf8.starts(with: Self.delimiterStart),
                Self.line(line, startsWith: delimiter, ascii: asciiDelimiter)
            {
                if let start { parts.append(body[start..<index]) }
                if line.dropFirst(delimiter.count).hasPrefix("--") { return parts }
                start = next
            }
            index = next
        }
        if let start, start < body.endIndex { parts.append(body[start...]) }
        return parts
    }

    /// `line.hasPrefix(delimiter)`. For an ASCII delimiter and a line whose bytes up to one past the delimiter's
    /// length are ASCII, each byte is a Character and the bytes are compared; otherwise the Characters are, with
    /// their canonical equivalents (the Kelvin sign is a `K`).
    private static func line(_ line: Substring, startsWith delimiter: String, ascii: Bool) -> Bool {
        let bytes = line.utf8
        guard ascii, bytes.prefix(delimiter.utf8.count + 1).allSatisfy({ $0 < 0x80 }) else {
            return line.hasPrefix(delimiter)
        }
        return bytes.starts(with: delimiter.utf8)
    }

    /// The bytes every delimiter line starts with.
    private static let delimiterStart: [UInt8] = [0x2D, 0x2D]

    /// The index of the first line feed at or after `start`, or the end of the text. The search runs on the UTF-8
    /// bytes: a line feed is always a character of its own (Unicode never joins it to its neighbours), so the index
    /// is a character boundary.
    private static func lineEnd(in text: Substring, from start: Substring.Index) -> Substring.Index {
        let rest = text.utf8[start...]
        guard let found = rest.withContiguousStorageIfAvailable({ TextSearch.offset(of: "\n", in: $0) }) else {
            return rest.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        }
        return found.map { text.utf8.index(start, offsetBy: $0) } ?? text.endIndex
    }

    // MARK: - Transfer encodings

    /// The bytes a text stands for: its UTF-8, or with `latin1` one byte per character.
    private static func bytes(of text: Substring, latin1: Bool) -> [UInt8] {
        guard latin1 else { return text.utf8.withContiguousStorageIfAvailable(Array.init) ?? Array(text.utf8) }
        return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }

    /// The bytes of a body, transfer encoding undone.
    private static func decode(_ body: Substring, encoding: String?, latin1: Bool) -> [UInt8] {
        switch encoding?.lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64":
            // White space is dropped byte by byte; any other byte outside the alphabet (a non-ASCII space among
            // them) is skipped by the decoder.
            let compact = Data(body.utf8.filter { !Self.isASCIIWhitespace($0) })
            guard let data = Data(base64Encoded: compact, options: .ignoreUnknownCharacters) else {
                return bytes(of: body, latin1: latin1)
            }
            return Array(data)
        case "quoted-printable":
            return decodeQuotedPrintable(bytes(of: body, latin1: latin1))
        default:
            return bytes(of: body, latin1: latin1)
        }
    }

    /// Space, tab, line feed, vertical tab, form feed, carriage return.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func decodeQuotedPrintable(_ source: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x37
            case 0x61...0x66: return byte - 0x57
            default: return nil
            }
        }
        while index < source.count {
            let byte = source[index]
            if byte == 0x3D {
                if index + 1 < source.count, source[index + 1] == 0x0A {
                    index += 2
                    continue
                }
                if index + 2 < source.count, source[index + 1] == 0x0D, source[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                if index + 2 < source.count, let high = hex(source[index + 1]), let low = hex(source[index + 2]) {
                    bytes.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            bytes.append(byte)
            index += 1
        }
        return bytes
    }
}

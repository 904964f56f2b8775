/// Lines of text as the ``Redactor`` searches them.
///
/// The lines are joined; the search sees their bytes with ASCII letters folded to lower case and without whitespace,
/// line breaks or a leading enhanced status code (`5.7.8 `). It looks twice: at the bytes as they are, and with each
/// `%XX` escape read as the one byte it stands for and `+` as the space it stands for in form encoding. Every unit it compares remembers the bytes it came from, so a
/// match can be cut out of the original lines.
struct RedactionText {
    private let bytes: [UInt8]
    private let lineRanges: [Range<Int>]
    /// Per byte: whether the search passes over it.
    private let ignored: [Bool]

    init(lines: [String]) {
        var bytes: [UInt8] = []
        var lineRanges: [Range<Int>] = []
        var ignored: [Bool] = []
        for line in lines {
            if !bytes.isEmpty {
                bytes.append(UInt8(ascii: "\n"))
                ignored.append(true)
            }
            let start = bytes.count
            let lineBytes = Array(line.utf8)
            let codeLength = Self.statusCodeLength(lineBytes)
            bytes += lineBytes
            ignored += lineBytes.indices.map { $0 < codeLength || Self.isWhitespace(lineBytes[$0]) }
            lineRanges.append(start..<bytes.count)
        }
        self.bytes = bytes
        self.lineRanges = lineRanges
        self.ignored = ignored
    }

    /// `bytes` as the search compares them: ASCII letters in lower case, whitespace left out.
    static func fold(_ bytes: [UInt8]) -> [UInt8] {
        bytes.filter { !isWhitespace($0) }.map(lowercase)
    }

    /// The positions of the original bytes that make up each occurrence of `form` (already folded).
    func occurrences(of form: [UInt8]) -> [Int] {
        [units(decodingEscapes: false), units(decodingEscapes: true)].flatMap { units in
            Self.matches(of: form, in: units.map(\.byte)).flatMap { match in
                units[match].flatMap { Array($0.origin) }
            }
        }
    }

    /// The lines with each run of `redacted` bytes on a line replaced by `<redacted>`.
    func lines(redacting redacted: [Int]) -> [String] {
        guard !redacted.isEmpty else { return lineRanges.map { String(decoding: bytes[$0], as: UTF8.self) } }
        var covered = [Bool](repeating: false, count: bytes.count)
        for index in redacted { covered[index] = true }
        let marker = Array("<redacted>".utf8)
        return lineRanges.map { range in
            var line: [UInt8] = []
            for index in range where !(covered[index] && index > range.lowerBound && covered[index - 1]) {
                if covered[index] { line += marker } else { line.append(bytes[index]) }
            }
            return String(decoding: line, as: UTF8.self)
        }
    }

    // MARK: - Searching

    private struct Unit {
        var byte: UInt8
        var origin: Range<Int>
    }

    private func units(decodingEscapes: Bool) -> [Unit] {
        var units: [Unit] = []
        units.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if decodingEscapes, bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2])
            {
                let byte = high << 4 | low
                if !Self.isWhitespace(byte) {
                    units.append(Unit(byte: Self.lowercase(byte), origin: index..<index + 3))
                }
                index += 3
            } else {
                // In form encoding (`application/x-www-form-urlencoded`) a `+` stands for a space, which the search
                // passes over like any other.
                let isEncodedSpace = decodingEscapes && bytes[index] == UInt8(ascii: "+")
                if !ignored[index] && !isEncodedSpace {
                    units.append(Unit(byte: Self.lowercase(bytes[index]), origin: index..<index + 1))
                }
                index += 1
            }
        }
        return units
    }

    private static func matches(of form: [UInt8], in text: [UInt8]) -> [Range<Int>] {
        guard let first = form.first, text.count >= form.count else { return [] }
        return (0...text.count - form.count).compactMap { start in
            guard text[start] == first, text[start..<start + form.count].elementsEqual(form) else { return nil }
            return start..<start + form.count
        }
    }

    /// The length of a leading enhanced status code and its space (`5.7.8 `), or 0.
    private static func statusCodeLength(_ line: [UInt8]) -> Int {
        var index = 0
        for part in 0..<3 {
            let start = index
            while index < line.count, index - start < 3, hexValue(line[index]).map({ $0 < 10 }) == true { index += 1 }
            guard index > start else { return 0 }
            let separator = part < 2 ? UInt8(ascii: ".") : UInt8(ascii: " ")
            guard index < line.count, line[index] == separator else { return 0 }
            index += 1
        }
        return index
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

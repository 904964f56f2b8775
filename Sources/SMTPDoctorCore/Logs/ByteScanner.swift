/// A cursor over the bytes of one line, for parsers that must not turn every line into a `String`.
struct ByteScanner {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The byte at the cursor, or nil at the end.
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Whether the cursor is at the end.
    var atEnd: Bool { position >= bytes.count }

    /// Moves past `byte` when it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    /// Moves past spaces and tabs.
    mutating func skipSpaces() {
        while let byte = peek, byte == 0x20 || byte == 0x09 { position += 1 }
    }

    /// Exactly `count` decimal digits as a number.
    mutating func digits(_ count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[position + offset]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        position += count
        return value
    }

    /// One to nine decimal digits as a number.
    mutating func digitRun() -> Int? {
        var value = 0
        let start = position
        while let byte = peek, byte >= 0x30 && byte <= 0x39, position - start < 9 {
            value = value * 10 + Int(byte - 0x30)
            position += 1
        }
        return position > start ? value : nil
    }

    /// A run of ASCII letters.
    mutating func letters() -> String? {
        let start = position
        while let byte = peek, (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { position += 1 }
        guard position > start else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// Moves to just after the next occurrence of `byte`; false (and no move) when there is none.
    mutating func skip(past byte: UInt8) -> Bool {
        var index = position
        while index < bytes.count {
            if bytes[index] == byte {
                position = index + 1
                return true
            }
            index += 1
        }
        return false
    }
}

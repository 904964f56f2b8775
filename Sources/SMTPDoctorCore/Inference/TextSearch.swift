#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes: the hot path of `contains` conditions and of the log parsers.
enum TextSearch {
    /// Whether `byte` occurs in the UTF-8 of `text`, found with `memchr`.
    static func containsByte<Text: StringProtocol>(_ byte: UInt8, in text: Text) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawBufferPointer($0).containsByte(byte) }
            ?? text.utf8.contains(byte)
    }

    /// Whether `needle` occurs in `haystack` (both already lower-cased).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        return haystack.withUTF8 { offset(of: needle, in: $0) } != nil
    }

    /// The byte offset of the first occurrence of `needle` in `text`.
    ///
    /// `memchr` finds each candidate first byte and `memcmp` checks the rest, both vectorised by the C library.
    static func offset(of needle: String, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var needle = needle
        return needle.withUTF8 { pattern -> Int? in
            guard let first = pattern.first else { return 0 }
            guard pattern.count <= text.count, let textBase = text.baseAddress, let patternBase = pattern.baseAddress
            else { return nil }
            let last = text.count - pattern.count
            var offset = 0
            while offset <= last {
                guard let hit = memchr(textBase + offset, Int32(first), last - offset + 1) else { return nil }
                let position = UnsafeRawPointer(textBase).distance(to: UnsafeRawPointer(hit))
                if memcmp(hit, patternBase, pattern.count) == 0 { return position }
                offset = position + 1
            }
            return nil
        }
    }
}

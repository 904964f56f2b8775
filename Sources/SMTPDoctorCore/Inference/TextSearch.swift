#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes: the hot path of `contains` conditions, which run for every diagnosis.
enum TextSearch {
    /// Whether `needle` occurs in `haystack` (both already lower-cased).
    ///
    /// `memchr` finds each candidate first byte and `memcmp` checks the rest, both vectorised by the C library.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard pattern.count <= text.count, let textBase = text.baseAddress,
                    let patternBase = pattern.baseAddress
                else { return false }
                let last = textBase + (text.count - pattern.count)
                var cursor = textBase
                while cursor <= last {
                    let remaining = last - cursor + 1
                    guard let found = memchr(cursor, Int32(first), remaining) else { return false }
                    let candidate = found.assumingMemoryBound(to: UInt8.self)
                    if memcmp(candidate, patternBase, pattern.count) == 0 { return true }
                    cursor = UnsafePointer(candidate) + 1
                }
                return false
            }
        }
    }
}

/// Substring search on UTF-8 bytes: the hot path of `contains` conditions, which run for every diagnosis.
enum TextSearch {
    /// Whether `needle` occurs in `haystack` (both already lower-cased).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty else { return true }
                guard pattern.count <= text.count else { return false }
                let first = pattern[0]
                var start = 0
                let last = text.count - pattern.count
                while start <= last {
                    if text[start] == first {
                        var offset = 1
                        while offset < pattern.count && text[start + offset] == pattern[offset] { offset += 1 }
                        if offset == pattern.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}

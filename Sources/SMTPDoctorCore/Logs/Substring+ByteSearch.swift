extension Substring {
    /// The range of the first occurrence of `needle`, found on UTF-8 bytes (`TextSearch`).
    ///
    /// The log parsers call this for every failure line; Foundation's `range(of:)` goes through `NSString` on Linux
    /// and costs several times more. The needles are ASCII, so a match always starts and ends on a character
    /// boundary.
    func byteRange(of needle: String) -> Range<Index>? {
        let offset: Int?
        if let found = utf8.withContiguousStorageIfAvailable({ TextSearch.offset(of: needle, in: $0) }) {
            offset = found
        } else {
            var copy = String(self)
            offset = copy.withUTF8 { TextSearch.offset(of: needle, in: $0) }
        }
        guard let offset else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }
}

extension String {
    /// The range of the first occurrence of `needle`, found on UTF-8 bytes; see `Substring.byteRange(of:)`.
    func byteRange(of needle: String) -> Range<Index>? {
        self[...].byteRange(of: needle)
    }
}

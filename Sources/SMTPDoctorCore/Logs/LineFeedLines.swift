/// The lines of a text, one at a time, as `split(separator: "\n", omittingEmptySubsequences: false)` gives them,
/// found on the UTF-8 bytes instead of on Characters.
///
/// A line feed is a Character of its own except after a carriage return (CR LF is one Character, not "\n"), so the
/// text is cut at every line feed byte that does not follow a carriage return. A reader that needs only the first
/// lines of a long message stops without splitting the rest.
struct LineFeedLines: Sequence, IteratorProtocol {
    private let text: Substring
    private var start: Substring.Index
    private var finished = false

    /// The lines of `text`.
    init(_ text: Substring) {
        self.text = text
        start = text.startIndex
    }

    /// The next line, without its line feed; nil after the last one (the text after the last line feed, which may be
    /// empty).
    mutating func next() -> Substring? {
        guard !finished else { return nil }
        let bytes = text.utf8
        var index = start
        var previous: UInt8 = 0
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A && previous != 0x0D {
                defer { start = bytes.index(after: index) }
                return text[start..<index]
            }
            previous = byte
            bytes.formIndex(after: &index)
        }
        finished = true
        return text[start...]
    }
}

extension StringProtocol where SubSequence == Substring {
    /// The lines of the text as `split(separator: "\n", omittingEmptySubsequences:)` gives them (see
    /// `LineFeedLines`).
    func linesSplitAtLineFeeds(omittingEmptySubsequences: Bool = true) -> [Substring] {
        let lines = LineFeedLines(self[...])
        return omittingEmptySubsequences ? lines.filter { !$0.isEmpty } : Array(lines)
    }
}

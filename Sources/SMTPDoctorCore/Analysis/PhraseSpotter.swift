/// Tells whether a word holds one of the knowledge base's phrases of three bytes or more (`outlook.com`, `spamhaus`):
/// whether the rules could tell one host or domain name from another by it.
///
/// Shorter phrases — the literal `.` that a regular expression requires, two-letter words — occur in most names
/// and tell the rules nothing about them.
struct PhraseSpotter: Sendable {
    /// The shortest phrase that counts, in bytes.
    static let minimumLength = 3

    private let matcher: PhraseMatcher
    /// The length of the text each trie node stands for: the length of the phrases ending there.
    private let depths: [Int32]

    /// A spotter for the phrases of a matcher.
    init(_ matcher: PhraseMatcher) {
        self.matcher = matcher
        depths = matcher.nodeDepths()
    }

    /// Where the first phrase of `minimumLength` bytes or more that occurs in the bytes starts, ignoring the case of
    /// ASCII letters; nil when none occurs.
    func firstPhraseStart(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard matcher.count > 0 else { return nil }
        var node = 0
        var first: Int?
        for (index, byte) in bytes.enumerated() {
            node = matcher.step(from: node, byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            // The node's own phrases are the longest ending here; those on its ending links are ever shorter.
            let longest = matcher.hasEndings(node) ? node : Int(matcher.endingLink[node])
            guard longest > 0, depths[longest] >= Self.minimumLength else { continue }
            let start = index + 1 - Int(depths[longest])
            first = min(first ?? start, start)
        }
        return first
    }
}

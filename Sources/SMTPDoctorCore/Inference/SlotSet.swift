/// A set of small non-negative integers — working-memory slots or phrase ids — as bits.
struct SlotSet: Sendable, Sequence {
    private var words: [UInt64]

    /// An empty set that can hold `0..<capacity`.
    init(capacity: Int) {
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    mutating func insert(_ member: Int) {
        words[member >> 6] |= 1 << UInt64(member & 63)
    }

    /// Adds every member of `other`, a set of the same capacity.
    mutating func formUnion(_ other: SlotSet) {
        for index in other.words.indices { words[index] |= other.words[index] }
    }

    func contains(_ member: Int) -> Bool {
        member >> 6 < words.count && words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    /// The members of `self` that `other`, a set of the same capacity, lacks.
    func subtracting(_ other: SlotSet) -> SlotSet {
        var result = self
        for index in words.indices { result.words[index] &= ~other.words[index] }
        return result
    }

    /// The smallest member greater than `member`, if there is one.
    func member(after member: Int) -> Int? {
        let start = member + 1
        var wordIndex = start >> 6
        guard wordIndex < words.count else { return nil }
        var word = words[wordIndex] & (~0 << UInt64(start & 63))
        while word == 0 {
            wordIndex += 1
            guard wordIndex < words.count else { return nil }
            word = words[wordIndex]
        }
        return wordIndex << 6 | word.trailingZeroBitCount
    }

    /// The members in ascending order.
    func makeIterator() -> Iterator {
        Iterator(words: words)
    }

    /// Walks the members in ascending order, one set bit at a time.
    struct Iterator: IteratorProtocol {
        fileprivate let words: [UInt64]
        private var wordIndex = 0
        private var remaining: UInt64

        fileprivate init(words: [UInt64]) {
            self.words = words
            remaining = words.first ?? 0
        }

        mutating func next() -> Int? {
            while remaining == 0 {
                wordIndex += 1
                guard wordIndex < words.count else { return nil }
                remaining = words[wordIndex]
            }
            let bit = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return wordIndex << 6 | bit
        }
    }
}

/// A set of small non-negative integers — working-memory slots or phrase ids — as bits.
struct SlotSet: Sendable {
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
}

/// Finds which of many phrases occur in a text in one pass over its bytes (Aho–Corasick).
///
/// Every `contains` phrase of the knowledge base and every literal a regular expression requires is given an id
/// when the knowledge base is loaded. Each text fact is scanned once when it is set, so a `contains` test is a
/// lookup in the hits, and a regular expression runs only when one of its literals occurred.
public struct PhraseMatcher: Sendable {
    /// How many phrases the matcher knows.
    public let count: Int
    /// Byte → column of the transition table; 0 for bytes that occur in no phrase.
    private let columns: [Int32]
    private let width: Int
    /// Trie transitions, `node * width + column`; −1 where there is none.
    private let transitions: [Int32]
    private let failure: [Int32]
    /// Phrase ids that end at node `n`: `endingIDs[endingStart[n]..<endingStart[n + 1]]`.
    private let endingStart: [Int32]
    private let endingIDs: [Int32]
    /// The nearest node on the failure chain with endings of its own, or −1.
    private let endingLink: [Int32]

    /// Builds the matcher for phrases already lower-cased; phrase `i` has id `i`.
    public init(phrases: [String]) {
        count = phrases.count
        var columns = [Int32](repeating: 0, count: 256)
        var width = 1
        for phrase in phrases {
            for byte in phrase.utf8 where columns[Int(byte)] == 0 {
                columns[Int(byte)] = Int32(width)
                width += 1
            }
        }
        var transitions = [Int32](repeating: -1, count: width)
        var endings: [[Int32]] = [[]]
        for (id, phrase) in phrases.enumerated() {
            var node = 0
            for byte in phrase.utf8 {
                let slot = node * width + Int(columns[Int(byte)])
                if transitions[slot] < 0 {
                    transitions[slot] = Int32(endings.count)
                    endings.append([])
                    transitions += [Int32](repeating: -1, count: width)
                }
                node = Int(transitions[slot])
            }
            if node != 0 { endings[node].append(Int32(id)) }
        }
        var failure = [Int32](repeating: 0, count: endings.count)
        var endingLink = [Int32](repeating: -1, count: endings.count)
        var queue: [Int] = []
        for column in 1..<width where transitions[column] >= 0 { queue.append(Int(transitions[column])) }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for column in 1..<width {
                let child = transitions[node * width + column]
                guard child >= 0 else { continue }
                var fallback = Int(failure[node])
                while fallback != 0 && transitions[fallback * width + column] < 0 { fallback = Int(failure[fallback]) }
                let target = transitions[fallback * width + column]
                let childFailure = target >= 0 && Int(target) != Int(child) ? target : 0
                failure[Int(child)] = childFailure
                endingLink[Int(child)] =
                    endings[Int(childFailure)].isEmpty ? endingLink[Int(childFailure)] : childFailure
                queue.append(Int(child))
            }
        }
        self.columns = columns
        self.width = width
        self.transitions = transitions
        self.failure = failure
        self.endingLink = endingLink
        var start: [Int32] = [0]
        start.reserveCapacity(endings.count + 1)
        for ids in endings { start.append(start.last! + Int32(ids.count)) }
        self.endingStart = start
        self.endingIDs = endings.flatMap { $0 }
    }

    /// The phrases that occur in a text (lower-case it first, as the phrases are).
    public func scan(_ text: String) -> PhraseHits {
        var hits = PhraseHits(count: count)
        guard count > 0 else { return hits }
        var text = text
        text.withUTF8 { bytes in
            var node = 0
            for byte in bytes {
                let column = Int(columns[Int(byte)])
                if column == 0 {
                    node = 0
                    continue
                }
                while node != 0 && transitions[node * width + column] < 0 { node = Int(failure[node]) }
                let next = transitions[node * width + column]
                node = next >= 0 ? Int(next) : 0
                var report = endingStart[node] == endingStart[node + 1] ? Int(endingLink[node]) : node
                while report > 0 {
                    for slot in Int(endingStart[report])..<Int(endingStart[report + 1]) {
                        hits.insert(Int(endingIDs[slot]))
                    }
                    report = Int(endingLink[report])
                }
            }
        }
        return hits
    }
}

/// The set of phrase ids found in one text.
public struct PhraseHits: Sendable {
    private var words: [UInt64]

    init(count: Int) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ id: Int) {
        words[id >> 6] |= 1 << UInt64(id & 63)
    }

    /// Whether the phrase with this id occurred.
    public func contains(_ id: Int) -> Bool {
        id >> 6 < words.count && words[id >> 6] & (1 << UInt64(id & 63)) != 0
    }
}

/// Finds which of many phrases occur in a text in one pass over its bytes (Aho–Corasick).
///
/// Every `contains` phrase of the knowledge base and every literal a regular expression requires is given an id
/// when the knowledge base is loaded. Each text fact is scanned once when it is set, so a `contains` test is a
/// lookup in the hits, and a regular expression runs only when one of its literals occurred.
///
/// The trie keeps a dense table for the root, whose children are many and visited at every byte, and short linked
/// lists for every other node, so that building it for a few thousand phrases takes about a millisecond.
public struct PhraseMatcher: Sendable {
    /// How many phrases the matcher knows.
    public let count: Int
    /// The root's child for each byte, or −1.
    let rootChildren: [Int32]
    let firstChild: [Int32]
    let nextSibling: [Int32]
    let label: [UInt8]
    let failure: [Int32]
    /// Phrase ids that end at node `n`: `endingIDs[endingStart[n]..<endingStart[n + 1]]`.
    let endingStart: [Int32]
    let endingIDs: [Int32]
    /// The nearest node on the failure chain with endings of its own, or −1.
    let endingLink: [Int32]

    /// Builds the matcher for phrases already lower-cased; phrase `i` has id `i`.
    public init(phrases: [String]) {
        var trie = Trie()
        var endings: [[Int32]] = [[]]
        for (id, phrase) in phrases.enumerated() {
            var node = 0
            for byte in phrase.utf8 {
                node = trie.child(of: node, byte) ?? trie.add(under: node, byte)
                if endings.count < trie.label.count { endings.append([]) }
            }
            if node != 0 { endings[node].append(Int32(id)) }
        }
        var failure = [Int32](repeating: 0, count: trie.label.count)
        var endingLink = [Int32](repeating: -1, count: trie.label.count)
        var queue: [Int] = []
        queue.reserveCapacity(trie.label.count)
        for child in trie.rootChildren where child >= 0 { queue.append(Int(child)) }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            var child = Int(trie.firstChild[node])
            while child >= 0 {
                let byte = trie.label[child]
                var fallback = Int(failure[node])
                while fallback != 0 && trie.child(of: fallback, byte) == nil { fallback = Int(failure[fallback]) }
                let target = trie.child(of: fallback, byte) ?? 0
                let childFailure = target != child ? target : 0
                failure[child] = Int32(childFailure)
                endingLink[child] = endings[childFailure].isEmpty ? endingLink[childFailure] : Int32(childFailure)
                queue.append(child)
                child = Int(trie.nextSibling[child])
            }
        }
        var start: [Int32] = [0]
        start.reserveCapacity(endings.count + 1)
        var total: Int32 = 0
        for ids in endings {
            total += Int32(ids.count)
            start.append(total)
        }
        count = phrases.count
        rootChildren = trie.rootChildren
        firstChild = trie.firstChild
        nextSibling = trie.nextSibling
        label = trie.label
        self.failure = failure
        endingStart = start
        endingIDs = endings.flatMap { $0 }
        self.endingLink = endingLink
    }

    /// A matcher from the tables of one built before (the knowledge-base image), or `nil` when their sizes do not
    /// fit together or an ending list lies outside the ids. The reader of the image has checked that every node
    /// index is in range as it decoded the tables.
    init?(
        count: Int, rootChildren: [Int32], firstChild: [Int32], nextSibling: [Int32], label: [UInt8],
        failure: [Int32], endingStart: [Int32], endingIDs: [Int32], endingLink: [Int32]
    ) {
        let nodes = label.count
        guard rootChildren.count == 256, firstChild.count == nodes, nextSibling.count == nodes,
            failure.count == nodes, endingLink.count == nodes, endingStart.count == nodes + 1,
            endingStart.first == 0, endingStart.last.map({ Int($0) == endingIDs.count }) ?? false,
            zip(endingStart, endingStart.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return nil }
        self.count = count
        self.rootChildren = rootChildren
        self.firstChild = firstChild
        self.nextSibling = nextSibling
        self.label = label
        self.failure = failure
        self.endingStart = endingStart
        self.endingIDs = endingIDs
        self.endingLink = endingLink
    }

    /// The phrases that occur in a text (lower-case it first, as the phrases are).
    public func scan(_ text: String) -> PhraseHits {
        var hits = PhraseHits(count: count)
        guard count > 0 else { return hits }
        var text = text
        text.withUTF8 { bytes in
            var node = 0
            for byte in bytes {
                while node != 0 && child(of: node, byte) < 0 { node = Int(failure[node]) }
                node = max(0, Int(child(of: node, byte)))
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

    /// The node the automaton moves to from `node` on reading `byte`.
    func step(from node: Int, _ byte: UInt8) -> Int {
        var node = node
        while node != 0 && child(of: node, byte) < 0 { node = Int(failure[node]) }
        return max(0, Int(child(of: node, byte)))
    }

    /// Whether phrases end at the node itself (not only on its ending links).
    func hasEndings(_ node: Int) -> Bool { endingStart[node] != endingStart[node + 1] }

    /// The depth of every trie node: the length in bytes of the text it stands for.
    func nodeDepths() -> [Int32] {
        var depths = [Int32](repeating: 0, count: label.count)
        var queue = rootChildren.filter { $0 >= 0 }
        for node in queue { depths[Int(node)] = 1 }
        var next = 0
        while next < queue.count {
            let node = Int(queue[next])
            next += 1
            var child = firstChild[node]
            while child >= 0 {
                depths[Int(child)] = depths[node] + 1
                queue.append(child)
                child = nextSibling[Int(child)]
            }
        }
        return depths
    }

    private func child(of node: Int, _ byte: UInt8) -> Int32 {
        if node == 0 { return rootChildren[Int(byte)] }
        var child = firstChild[node]
        while child >= 0 && label[Int(child)] != byte { child = nextSibling[Int(child)] }
        return child
    }
}

/// The trie while it is being built.
private struct Trie {
    var rootChildren = [Int32](repeating: -1, count: 256)
    var firstChild: [Int32] = [-1]
    var nextSibling: [Int32] = [-1]
    var label: [UInt8] = [0]

    func child(of node: Int, _ byte: UInt8) -> Int? {
        if node == 0 { return rootChildren[Int(byte)] >= 0 ? Int(rootChildren[Int(byte)]) : nil }
        var child = firstChild[node]
        while child >= 0 && label[Int(child)] != byte { child = nextSibling[Int(child)] }
        return child >= 0 ? Int(child) : nil
    }

    mutating func add(under node: Int, _ byte: UInt8) -> Int {
        let child = Int32(label.count)
        label.append(byte)
        firstChild.append(-1)
        if node == 0 {
            rootChildren[Int(byte)] = child
            nextSibling.append(-1)
        } else {
            nextSibling.append(firstChild[node])
            firstChild[node] = child
        }
        return Int(child)
    }
}

/// The set of phrase ids found in one text.
public struct PhraseHits: Sendable {
    /// The ids, as bits.
    private(set) var slots: SlotSet

    init(count: Int) {
        slots = SlotSet(capacity: count)
    }

    mutating func insert(_ id: Int) {
        slots.insert(id)
    }

    /// Whether the phrase with this id occurred.
    public func contains(_ id: Int) -> Bool {
        slots.contains(id)
    }
}

/// The facts known while reasoning about one observation, by the slots of the knowledge base's facts.
///
/// A class, so that evaluating a condition tree passes one reference around instead of copying its tables. The facts
/// are kept in the order they were set, and each slot holds where its fact is in that list: a table of plain integers
/// costs next to nothing to make and to let go, where tables of optional values for every slot cost a pass over
/// every slot each time, for the dozen facts an observation has.
final class WorkingMemory {
    /// A known fact.
    struct Entry {
        /// Its slot.
        var slot: Int
        var value: FactValue
        var source: FactSource
        /// How much evidence read from it counts (`KnowledgeBase.sourceWeights`).
        var weight: Double
        /// Its text lower-cased, made once so that `contains` and `prefix` do not lower-case again.
        var lowered: String?
        /// The knowledge base's phrases found in its text.
        var hits: PhraseHits?
    }

    /// For each slot, the position of its fact in `entries`, or -1 while it is not known.
    private(set) var positions: [Int32]
    /// The facts known, in the order they were set.
    private(set) var entries: [Entry] = []
    private let matcher: PhraseMatcher
    /// The slots filled so far, for ``ConditionScope``.
    private(set) var known: SlotSet
    /// Every phrase found in any string fact, for ``ConditionScope``.
    private(set) var found: SlotSet

    init(size: Int, matcher: PhraseMatcher) {
        self.matcher = matcher
        known = SlotSet(capacity: size)
        found = SlotSet(capacity: matcher.count)
        positions = Array(repeating: -1, count: size)
    }

    /// The value of the fact in the slot, if it is known.
    func value(_ slot: Int) -> FactValue? {
        let position = positions[slot]
        return position < 0 ? nil : entries[Int(position)].value
    }

    /// How much evidence read from the fact in the slot counts; 1 for a fact not known.
    func weight(_ slot: Int) -> Double {
        let position = positions[slot]
        return position < 0 ? 1 : entries[Int(position)].weight
    }

    /// Sets a fact unless it is already known; returns whether it was set.
    ///
    /// - Parameter weight: how much evidence read from the fact counts, from its source (1: fully).
    @discardableResult
    func set(_ slot: Int, _ value: FactValue, source: FactSource, weight: Double = 1) -> Bool {
        guard positions[slot] < 0 else { return false }
        var entry = Entry(slot: slot, value: value, source: source, weight: weight)
        if case .string(let text) = value {
            let folded = ASCIIText.lowercased(text)
            entry.lowered = folded
            let hits = matcher.scan(folded)
            entry.hits = hits
            found.formUnion(hits.slots)
        }
        positions[slot] = Int32(entries.count)
        entries.append(entry)
        known.insert(slot)
        return true
    }
}

/// The facts known while reasoning about one observation, in slots indexed like the knowledge base's facts.
///
/// A class, so that evaluating a condition tree passes one reference around instead of copying every slot array.
final class WorkingMemory {
    private(set) var values: [FactValue?]
    private(set) var sources: [FactSource?]
    /// How much evidence read from each fact counts (`KnowledgeBase.sourceWeights`), 1 for a fact never set.
    private(set) var weights: [Double]
    /// Lower-cased text of string facts, made once so that `contains` and `prefix` do not lower-case again.
    private(set) var lowered: [String?]
    /// The knowledge base's phrases found in each string fact.
    private(set) var hits: [PhraseHits?]
    private let matcher: PhraseMatcher
    /// The slots filled so far, for ``ConditionScope``.
    private(set) var known: SlotSet
    /// Every phrase found in any string fact, for ``ConditionScope``.
    private(set) var found: SlotSet
    /// Slots in the order they were filled, for output.
    private(set) var order: [Int] = []

    init(size: Int, matcher: PhraseMatcher) {
        self.matcher = matcher
        known = SlotSet(capacity: size)
        found = SlotSet(capacity: matcher.count)
        hits = Array(repeating: nil, count: size)
        values = Array(repeating: nil, count: size)
        sources = Array(repeating: nil, count: size)
        weights = Array(repeating: 1, count: size)
        lowered = Array(repeating: nil, count: size)
    }

    /// Sets a fact unless it is already known; returns whether it was set.
    ///
    /// - Parameter weight: how much evidence read from the fact counts, from its source (1: fully).
    @discardableResult
    func set(_ index: Int, _ value: FactValue, source: FactSource, weight: Double = 1) -> Bool {
        guard values[index] == nil else { return false }
        values[index] = value
        sources[index] = source
        weights[index] = weight
        if case .string(let text) = value {
            let folded = ASCIIText.lowercased(text)
            lowered[index] = folded
            let found = matcher.scan(folded)
            hits[index] = found
            self.found.formUnion(found.slots)
        }
        known.insert(index)
        order.append(index)
        return true
    }
}

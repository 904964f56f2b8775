/// The facts known while reasoning about one observation, in slots indexed like the knowledge base's facts.
struct WorkingMemory {
    private(set) var values: [FactValue?]
    private(set) var sources: [FactSource?]
    /// Lower-cased text of string facts, made once so that `contains` and `prefix` do not lower-case again.
    private(set) var lowered: [String?]
    /// Slots in the order they were filled, for output.
    private(set) var order: [Int] = []

    init(size: Int) {
        values = Array(repeating: nil, count: size)
        sources = Array(repeating: nil, count: size)
        lowered = Array(repeating: nil, count: size)
    }

    /// Sets a fact unless it is already known; returns whether it was set.
    @discardableResult
    mutating func set(_ index: Int, _ value: FactValue, source: FactSource) -> Bool {
        guard values[index] == nil else { return false }
        values[index] = value
        sources[index] = source
        if case .string(let text) = value { lowered[index] = text.lowercased() }
        order.append(index)
        return true
    }
}

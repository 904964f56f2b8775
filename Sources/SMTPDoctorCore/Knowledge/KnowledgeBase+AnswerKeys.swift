extension KnowledgeBase {
    /// The question id or fact name closest to a key no answers file may use, for a "did you mean" suggestion.
    ///
    /// - Returns: the nearest key within a third of the key's length in edits, or `nil` when none is that close.
    public func closestAnswerKey(to key: String) -> String? {
        let wanted = Array(key.lowercased())
        let known = questions.map(\.id) + facts.map(\.name)
        let scored = known.map { ($0, ProviderName.editDistance(wanted, Array($0.lowercased()))) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }), best.1 <= max(2, key.count / 3) else {
            return nil
        }
        return best.0
    }
}

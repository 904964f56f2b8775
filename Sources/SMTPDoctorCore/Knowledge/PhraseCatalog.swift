/// Gives every phrase a knowledge base tests for an id, while loading, for `PhraseMatcher`.
final class PhraseCatalog {
    private(set) var phrases: [String] = []
    private var ids: [String: Int] = [:]

    /// The id of a lower-cased phrase, registering it on first sight.
    func id(for phrase: String) -> Int {
        if let id = ids[phrase] { return id }
        ids[phrase] = phrases.count
        phrases.append(phrase)
        return phrases.count - 1
    }

    /// Registers the literals a regular expression requires.
    /// - Returns: the expression with the ids of those literals.
    func register(_ expression: RegularExpression) -> RegularExpression {
        expression.with(literalIDs: expression.requiredLiterals?.map { id(for: $0) })
    }
}

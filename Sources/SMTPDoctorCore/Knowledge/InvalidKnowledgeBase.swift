/// Thrown when a knowledge base cannot be used; carries every problem found, not just the first.
public struct InvalidKnowledgeBase: Error, Sendable {
    /// The problems, in file and line order.
    public var problems: [RuleProblem]
}

// MARK: - CustomStringConvertible

extension InvalidKnowledgeBase: CustomStringConvertible {
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// What working memory must hold for a condition to have any chance of holding: at least one of some facts known,
/// or at least one of some phrases found in a text fact.
///
/// The engine works the scope of every rule and diagnosis out once, so that deriving and weighing skip, with a few
/// lookups, the many rules whose tests cannot match the observation, instead of walking their condition trees.
/// A scope only ever rules out a condition that would not hold, so skipping changes no result.
struct ConditionScope: Sendable {
    /// Slots of facts, one of which must be known.
    private(set) var facts: [Int]
    /// Phrase-matcher ids, one of which must occur in a text fact.
    private(set) var phrases: [Int]

    /// The scope of a condition, or `nil` when it can hold whatever working memory holds (a `not`, or a test that
    /// a fact is unknown).
    init?(_ condition: Condition) {
        switch condition {
        case .test(let fact, let test):
            switch test {
            case .exists(false): return nil
            case .contains(_, let ids): self.init(facts: [], phrases: ids)
            case .matches(let expression):
                if let ids = expression.literalIDs {
                    self.init(facts: [], phrases: ids)
                } else {
                    self.init(facts: [fact.index], phrases: [])
                }
            default: self.init(facts: [fact.index], phrases: [])
            }
        case .all(let parts):
            // Every part must hold, so the narrowest scope of a part is a scope of the whole.
            guard let narrowest = parts.compactMap(ConditionScope.init).min(by: { $0.width < $1.width }) else {
                return nil
            }
            self = narrowest
        case .any(let parts):
            guard let union = Self(anyOf: parts.map(ConditionScope.init)) else { return nil }
            self = union
        case .not:
            return nil
        }
    }

    /// The scope of several conditions one of which must hold, or `nil` when one of them is unscoped.
    init?(anyOf scopes: [ConditionScope?]) {
        var facts: [Int] = []
        var phrases: [Int] = []
        for scope in scopes {
            guard let scope else { return nil }
            facts += scope.facts
            phrases += scope.phrases
        }
        self.init(facts: facts, phrases: phrases)
    }

    private init(facts: [Int], phrases: [Int]) {
        self.facts = Array(Set(facts)).sorted()
        self.phrases = Array(Set(phrases)).sorted()
    }

    /// How many ways the scope can be met: fewer is more selective. A phrase counts for less than a fact, as a
    /// phrase occurs in far fewer texts than a fact is known.
    private var width: Int { facts.count * 4 + phrases.count }

    /// Whether working memory meets the scope, so that the condition may hold.
    func admits(_ memory: WorkingMemory) -> Bool {
        facts.contains(where: memory.isKnown) || phrases.contains(where: memory.phraseOccurred)
    }
}

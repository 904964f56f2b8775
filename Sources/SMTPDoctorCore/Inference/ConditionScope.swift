/// What working memory must hold for a condition to have any chance of holding: at least one of some facts known,
/// or at least one of some phrases found in a text fact.
///
/// The engine works the scope of every rule and diagnosis out once, so that deriving and weighing skip, with a few
/// lookups, the many rules whose tests cannot match the observation, instead of walking their condition trees.
/// A scope only ever rules out a condition that would not hold, so skipping changes no result.
struct ConditionScope: Sendable, Equatable {
    /// Whether the condition can hold whatever working memory holds (a `not`, or a test that a fact is unknown).
    private(set) var isOpen = false
    /// Slots of facts, one of which must be known.
    private(set) var facts: ArraySlice<Int>
    /// Phrase-matcher ids, one of which must occur in a text fact.
    private(set) var phrases: ArraySlice<Int>

    /// The scope of a condition.
    init(_ condition: Condition) {
        switch condition {
        case .test(let fact, let test):
            switch test {
            case .exists(false): self = .open
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
            let narrowest = parts.map(ConditionScope.init).filter { !$0.isOpen }.min { $0.width < $1.width }
            self = narrowest ?? .open
        case .any(let parts):
            self.init(anyOf: parts.map(ConditionScope.init))
        case .not:
            self = .open
        }
    }

    /// The scope of several conditions one of which must hold.
    init(anyOf scopes: [ConditionScope]) {
        var facts: [Int] = []
        var phrases: [Int] = []
        for scope in scopes {
            guard !scope.isOpen else {
                self = .open
                return
            }
            facts += scope.facts
            phrases += scope.phrases
        }
        self.init(facts: facts, phrases: phrases)
    }

    /// The scope that any working memory meets.
    private static let open: ConditionScope = {
        var scope = ConditionScope(facts: [], phrases: [])
        scope.isOpen = true
        return scope
    }()

    /// A scope read back from a knowledge-base image, whose lists are already sorted and distinct; they may be
    /// slices of tables shared by every scope.
    init(isOpen: Bool, facts: ArraySlice<Int>, phrases: ArraySlice<Int>) {
        self.isOpen = isOpen
        self.facts = facts
        self.phrases = phrases
    }

    private init(facts: [Int], phrases: [Int]) {
        self.facts = ArraySlice(Self.distinctSorted(facts))
        self.phrases = ArraySlice(Self.distinctSorted(phrases))
    }

    /// The values in ascending order, each once.
    private static func distinctSorted(_ values: [Int]) -> [Int] {
        guard values.count > 1 else { return values }
        var sorted = values.sorted()
        var kept = 1
        for index in 1..<sorted.count where sorted[index] != sorted[kept - 1] {
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }

    /// How many ways the scope can be met: fewer is more selective. A phrase counts for less than a fact, as a
    /// phrase occurs in far fewer texts than a fact is known.
    private var width: Int { facts.count * 4 + phrases.count }

    /// Whether working memory meets the scope, so that the condition may hold.
    /// - Parameters:
    ///   - known: the slots of the facts known (``WorkingMemory/known``).
    ///   - found: the phrases found in string facts (``WorkingMemory/found``).
    func admits(known: SlotSet, found: SlotSet) -> Bool {
        if isOpen { return true }
        for fact in facts where known.contains(fact) { return true }
        for phrase in phrases where found.contains(phrase) { return true }
        return false
    }
}

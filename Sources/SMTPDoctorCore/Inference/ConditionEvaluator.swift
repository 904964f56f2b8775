/// Evaluates conditions against working memory and records every test it makes.
///
/// It reads the memory as it was when the evaluator was made: the slots are copied (by reference, without copying
/// their contents), so that a test reads plain arrays instead of a class's properties, which Swift checks for
/// exclusive access on every read.
struct ConditionEvaluator {
    private let values: [FactValue?]
    private let sources: [FactSource?]
    private let lowered: [String?]
    private let hits: [PhraseHits?]

    init(memory: WorkingMemory) {
        values = memory.values
        sources = memory.sources
        lowered = memory.lowered
        hits = memory.hits
    }

    /// Whether the condition holds, without keeping a record: the fast path tried first for every rule.
    func holds(_ condition: Condition) -> Bool {
        switch condition {
        case .test(let fact, let test): return evaluate(test, on: fact.index)
        case .all(let parts): return parts.allSatisfy(holds)
        case .any(let parts): return parts.contains(where: holds)
        case .not(let inner): return !holds(inner)
        }
    }

    /// Whether the condition holds; appends a `ConditionCheck` for each fact test evaluated.
    ///
    /// The engine calls this only for conditions that hold, to record exactly the tests that made them hold.
    func holds(_ condition: Condition, record: inout [ConditionCheck]) -> Bool {
        switch condition {
        case .test(let fact, let test):
            let result = evaluate(test, on: fact.index)
            record.append(
                ConditionCheck(
                    fact: fact.name, factTest: test, negated: false, value: values[fact.index],
                    source: sources[fact.index], holds: result))
            return result
        case .all(let parts):
            for part in parts where !holds(part, record: &record) { return false }
            return true
        case .any(let parts):
            for part in parts where holds(part, record: &record) { return true }
            return false
        case .not(let inner):
            var innerRecord: [ConditionCheck] = []
            let result = !holds(inner, record: &innerRecord)
            for var check in innerRecord {
                check.negated.toggle()
                check.holds.toggle()
                record.append(check)
            }
            return result
        }
    }

    private func evaluate(_ test: FactTest, on index: Int) -> Bool {
        if case .exists(let wanted) = test { return (values[index] != nil) == wanted }
        guard let value = values[index] else { return false }
        switch test {
        case .equals(let expected):
            return same(value, expected, index)
        case .oneOf(let candidates):
            return candidates.contains { same(value, $0, index) }
        case .notEqual(let other):
            return !same(value, other, index)
        case .prefix(let prefix):
            return lowered[index]?.hasPrefix(prefix) ?? false
        case .contains(let phrases, let ids):
            if let hits = hits[index] { return ids.contains(where: hits.contains) }
            guard let text = lowered[index] else { return false }
            return phrases.contains { TextSearch.contains(text, $0) }
        case .matches(let expression):
            guard case .string(let text) = value else { return false }
            if let ids = expression.literalIDs, let hits = hits[index] {
                return ids.contains(where: hits.contains)
                    && expression.matches(text, lowered: lowered[index], checkingLiterals: false)
            }
            return expression.matches(text, lowered: lowered[index])
        case .range(let lower, let upper, _):
            guard case .int(let number) = value else { return false }
            return number >= (lower ?? .min) && number <= (upper ?? .max)
        case .exists:
            return true
        }
    }

    private func same(_ value: FactValue, _ expected: FactValue, _ index: Int) -> Bool {
        if case .string(let wanted) = expected { return lowered[index] == wanted }
        return value == expected
    }
}

extension FactTest {
    /// The test in words, for explanations.
    var words: String {
        switch self {
        case .equals(let value): return "= \(value)"
        case .oneOf(let values): return "in [\(values.map(\.description).joined(separator: ", "))]"
        case .notEqual(let value): return "≠ \(value)"
        case .prefix(let prefix): return "starts with \"\(prefix)\""
        case .contains(let phrases, _): return "contains " + phrases.map { "\"\($0)\"" }.joined(separator: " or ")
        case .matches(let expression): return "matches /\(expression.pattern)/"
        case .exists(let flag): return flag ? "is known" : "is unknown"
        case .range(_, _, let label): return label
        }
    }
}

/// Evaluates conditions against working memory and records every test it makes.
struct ConditionEvaluator {
    let memory: WorkingMemory

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
                    fact: fact.name, factTest: test, negated: false, value: memory.values[fact.index],
                    source: memory.sources[fact.index], holds: result))
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
        if case .exists(let wanted) = test { return (memory.values[index] != nil) == wanted }
        guard let value = memory.values[index] else { return false }
        switch test {
        case .equals(let expected):
            return same(value, expected, index)
        case .oneOf(let candidates):
            return candidates.contains { same(value, $0, index) }
        case .notEqual(let other):
            return !same(value, other, index)
        case .prefix(let prefix):
            return memory.lowered[index]?.hasPrefix(prefix) ?? false
        case .contains(let phrases, let ids):
            if let hits = memory.hits[index] { return ids.contains(where: hits.contains) }
            guard let text = memory.lowered[index] else { return false }
            return phrases.contains { TextSearch.contains(text, $0) }
        case .matches(let expression):
            guard case .string(let text) = value else { return false }
            if let ids = expression.literalIDs, let hits = memory.hits[index] {
                return ids.contains(where: hits.contains)
                    && expression.matches(text, lowered: memory.lowered[index], checkingLiterals: false)
            }
            return expression.matches(text, lowered: memory.lowered[index])
        case .range(let lower, let upper, _):
            guard case .int(let number) = value else { return false }
            return number >= (lower ?? .min) && number <= (upper ?? .max)
        case .exists:
            return true
        }
    }

    private func same(_ value: FactValue, _ expected: FactValue, _ index: Int) -> Bool {
        if case .string(let wanted) = expected { return memory.lowered[index] == wanted }
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

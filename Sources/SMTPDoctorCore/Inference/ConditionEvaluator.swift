/// Evaluates conditions against working memory and records every test it makes.
///
/// It reads the memory as it was when the evaluator was made: its tables are copied (by reference, without copying
/// their contents), so that a test reads plain arrays instead of a class's properties, which Swift checks for
/// exclusive access on every read.
struct ConditionEvaluator {
    private let positions: [Int32]
    private let entries: [WorkingMemory.Entry]

    init(memory: WorkingMemory) {
        positions = memory.positions
        entries = memory.entries
    }

    /// The fact in the slot, if it is known.
    private func entry(_ slot: Int) -> WorkingMemory.Entry? {
        let position = positions[slot]
        return position < 0 ? nil : entries[Int(position)]
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
                    fact: fact.name, factTest: test, negated: false, value: entry(fact.index)?.value,
                    source: entry(fact.index)?.source, holds: result))
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

    private func evaluate(_ test: FactTest, on slot: Int) -> Bool {
        let position = Int(positions[slot])
        if case .exists(let wanted) = test { return (position >= 0) == wanted }
        guard position >= 0 else { return false }
        // Each part of the entry is read where it is, without copying the entry.
        switch test {
        case .equals(let expected):
            return same(expected, position)
        case .oneOf(let candidates):
            return candidates.contains { same($0, position) }
        case .notEqual(let other):
            return !same(other, position)
        case .prefix(let prefix):
            return entries[position].lowered?.hasPrefix(prefix) ?? false
        case .contains(let phrases, let ids):
            if let hits = entries[position].hits { return ids.contains(where: hits.contains) }
            guard let text = entries[position].lowered else { return false }
            return phrases.contains { TextSearch.contains(text, $0) }
        case .matches(let expression):
            guard case .string(let text) = entries[position].value else { return false }
            let lowered = entries[position].lowered
            if let ids = expression.literalIDs, let hits = entries[position].hits {
                return ids.contains(where: hits.contains)
                    && expression.matches(text, lowered: lowered, checkingLiterals: false)
            }
            return expression.matches(text, lowered: lowered)
        case .range(let lower, let upper, _):
            guard case .int(let number) = entries[position].value else { return false }
            return number >= (lower ?? .min) && number <= (upper ?? .max)
        case .exists:
            return true
        }
    }

    private func same(_ expected: FactValue, _ position: Int) -> Bool {
        if case .string(let wanted) = expected { return entries[position].lowered == wanted }
        return entries[position].value == expected
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

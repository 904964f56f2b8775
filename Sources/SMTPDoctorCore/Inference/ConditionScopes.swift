/// The scope of every condition the engine tests (see `ConditionScope`), and which derivation rules read each fact:
/// worked out once per knowledge base, when it is built from its files or by the build for the image it reads from.
struct ConditionScopes: Sendable, Equatable {
    /// For each fact slot, the derivation rules that read it: a rule is only tried again when one of its facts
    /// changed.
    let readers: [ArraySlice<Int>]
    /// The scope of each derivation rule's condition.
    let rules: [ConditionScope]
    /// The scope of each piece of evidence of each diagnosis (a slice, whose indices need not start at zero).
    let evidence: [ArraySlice<ConditionScope>]
    /// The scope of each diagnosis: one of its pieces of evidence must be in scope.
    let diagnoses: [ConditionScope]

    /// Works the scopes out from the rules and diagnoses.
    init(rules: [DerivationRule], diagnoses: [DiagnosisDefinition], factCount: Int) {
        var readers = Array(repeating: [Int](), count: factCount)
        for (rule, definition) in rules.enumerated() {
            for fact in definition.condition.factIndices { readers[fact].append(rule) }
        }
        self.readers = readers.map { ArraySlice($0) }
        self.rules = rules.map { ConditionScope($0.condition) }
        let evidence = diagnoses.map { $0.evidence.map { ConditionScope($0.condition) } }
        self.evidence = evidence.map { ArraySlice($0) }
        self.diagnoses = evidence.map { ConditionScope(anyOf: $0) }
    }

    /// Scopes read back from a knowledge-base image.
    init(
        readers: [ArraySlice<Int>], rules: [ConditionScope], evidence: [ArraySlice<ConditionScope>],
        diagnoses: [ConditionScope]
    ) {
        self.readers = readers
        self.rules = rules
        self.evidence = evidence
        self.diagnoses = diagnoses
    }
}

extension Condition {
    /// The slots of every fact the condition reads.
    var factIndices: Set<Int> {
        switch self {
        case .test(let fact, _): return [fact.index]
        case .all(let parts), .any(let parts): return parts.reduce(into: Set<Int>()) { $0.formUnion($1.factIndices) }
        case .not(let inner): return inner.factIndices
        }
    }
}

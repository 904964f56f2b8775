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
    /// The rules' scopes filed by the facts and phrases that admit them.
    let ruleIndex: ScopeIndex
    /// The scopes of the pieces of evidence of all diagnoses, numbered one after another diagnosis by diagnosis, filed
    /// by the facts and phrases that admit them.
    let evidenceIndex: ScopeIndex
    /// For each diagnosis, the number of its first piece of evidence in that numbering; one more entry holds the
    /// total.
    let evidenceStarts: [Int]
    /// For each piece of evidence in that numbering, its diagnosis.
    let evidenceOwners: [Int32]

    /// Works the scopes out from the rules and diagnoses.
    init(rules: [DerivationRule], diagnoses: [DiagnosisDefinition], factCount: Int) {
        var readers = Array(repeating: [Int](), count: factCount)
        for (rule, definition) in rules.enumerated() {
            for fact in definition.condition.factIndices { readers[fact].append(rule) }
        }
        let evidence = diagnoses.map { $0.evidence.map { ConditionScope($0.condition) } }
        let ruleScopes = rules.map { ConditionScope($0.condition) }
        self.init(
            readers: readers.map { ArraySlice($0) }, rules: ruleScopes, evidence: evidence.map { ArraySlice($0) },
            ruleIndex: ScopeIndex(ruleScopes), evidenceIndex: ScopeIndex(evidence.flatMap { $0 }))
    }

    /// Scopes read back from a knowledge-base image, with their indexes as the build worked them out.
    init(
        readers: [ArraySlice<Int>], rules: [ConditionScope], evidence: [ArraySlice<ConditionScope>],
        ruleIndex: ScopeIndex, evidenceIndex: ScopeIndex
    ) {
        self.readers = readers
        self.rules = rules
        self.evidence = evidence
        self.ruleIndex = ruleIndex
        self.evidenceIndex = evidenceIndex
        var starts = [0]
        var owners: [Int32] = []
        owners.reserveCapacity(evidenceIndex.count)
        for (diagnosis, pieces) in evidence.enumerated() {
            starts.append(starts[diagnosis] + pieces.count)
            owners += repeatElement(Int32(diagnosis), count: pieces.count)
        }
        evidenceStarts = starts
        evidenceOwners = owners
    }
}

extension ConditionScopes {
    /// No scopes: what a damaged image gives before the reader reports it.
    static let empty = ConditionScopes(
        readers: [], rules: [], evidence: [], ruleIndex: ScopeIndex([]), evidenceIndex: ScopeIndex([]))
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

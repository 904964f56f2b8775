/// What the interview's probe of the server and DNS lookup of the sending domain would observe, diagnosis by diagnosis.
///
/// In the terminal interview a customer who names the server may let the program probe it, and one who types the
/// sending domain at the DNS question has it looked up (`lookup: domain-dns`). The question choice weighs those
/// questions by what the probe or the lookup would show, and the simulation's customer lets both run. A diagnosis
/// is observable by the probe when a piece of its positive evidence reads only facts the probe sets (`probe.*`) or
/// that derivation rules set from those alone (`network.error`, `tls.error`, …), and observable by the DNS check when
/// a piece reads only `domain.*` facts and what rules derive from them alone. Its observation is the facts that make
/// the strongest such piece hold, with the probe's or the DNS check's source, so that they count as much as a real
/// probe's or lookup's (`fact-sources.yaml`). A derived fact takes only a value some rule of the probe or the check
/// can set.
///
/// A diagnosis neither can observe gets no observation: the probe of a sound server, which would weigh a little
/// against the connection and TLS causes, is not played.
struct LookupObservations: Sendable {
    /// The different observations, each once.
    let distinct: [Observation]
    /// Indexed like `KnowledgeBase.diagnoses`: what the probe of the server observes (an index in `distinct`), if it
    /// can observe the cause.
    let probe: [Int?]
    /// Indexed like `KnowledgeBase.diagnoses`: what the DNS checks of the sending domain observe (an index in
    /// `distinct`), if they can.
    let dns: [Int?]

    /// Works out both observations for every diagnosis of the engine's knowledge base.
    init(engine: InferenceEngine) {
        let knowledgeBase = engine.knowledgeBase
        let probeFacts = Self.observable(from: "probe.", in: knowledgeBase)
        let dnsFacts = Self.observable(from: "domain.", in: knowledgeBase)
        var distinct: [Observation] = []
        var numbers: [Observation: Int] = [:]
        func number(_ observation: Observation?) -> Int? {
            guard let observation else { return nil }
            if let known = numbers[observation] { return known }
            distinct.append(observation)
            numbers[observation] = distinct.count - 1
            return distinct.count - 1
        }
        probe = knowledgeBase.diagnoses.map {
            number(Self.observation(of: $0, reading: probeFacts, source: FactSource(.probe), engine: engine))
        }
        dns = knowledgeBase.diagnoses.map {
            number(Self.observation(of: $0, reading: dnsFacts, source: FactSource(.dns), engine: engine))
        }
        self.distinct = distinct
    }

    /// For each diagnosis, what answering the question makes the interview observe (an index in `distinct`): the
    /// probe's observation for the server question, the DNS checks' for a question with the DNS lookup, else none.
    func row(for question: Question) -> [Int?] {
        if question.kind == .hostPort { return probe }
        if question.lookup == .domainDNS { return dns }
        return Array(repeating: nil, count: probe.count)
    }

    /// The facts a source can give: those whose names start with `prefix` (any value), and those that derivation
    /// rules reading only such facts set (the values they set), to a fixed point.
    private static func observable(from prefix: String, in knowledgeBase: KnowledgeBase) -> ObservableFacts {
        var facts = ObservableFacts(
            anyValue: Set(knowledgeBase.facts.indices.filter { knowledgeBase.facts[$0].name.hasPrefix(prefix) }))
        var grown = true
        while grown {
            grown = false
            for rule in knowledgeBase.rules where rule.condition.factIndices.allSatisfy(facts.contains) {
                for (fact, value) in rule.assignments where !facts.permits(fact.index, value) {
                    facts.derived[fact.index, default: []].insert(value)
                    grown = true
                }
            }
        }
        return facts
    }

    /// The facts that make the diagnosis's strongest piece of evidence that reads only `facts` hold, if any does.
    private static func observation(
        of definition: DiagnosisDefinition, reading facts: ObservableFacts, source: FactSource,
        engine: InferenceEngine
    ) -> Observation? {
        let pieces = definition.evidence.filter { evidence in
            evidence.certainty > 0 && !evidence.condition.factIndices.isEmpty
                && evidence.condition.factIndices.allSatisfy(facts.contains)
        }
        for piece in pieces.sorted(by: { $0.certainty > $1.certainty }) {
            guard let witness = piece.condition.witness(allowing: facts) else { continue }
            let observed = witness.map { Fact($0.fact.name, $0.value, source: source) }
            if ConditionEvaluator(memory: engine.derivedMemory(observed)).holds(piece.condition) {
                return Observation(facts: observed)
            }
        }
        return nil
    }
}

/// The facts, by slot, that a probe or a lookup can give, and the values it can give them.
private struct ObservableFacts {
    /// Slots the source sets itself, to any value.
    var anyValue: Set<Int>
    /// Slots that rules set from the source's facts, with the values they set.
    var derived: [Int: Set<FactValue>] = [:]

    func contains(_ slot: Int) -> Bool { anyValue.contains(slot) || derived[slot] != nil }

    func permits(_ slot: Int, _ value: FactValue) -> Bool {
        anyValue.contains(slot) || derived[slot]?.contains(value) == true
    }
}

extension Condition {
    /// Facts that make the condition hold, taking values `allowed` permits: the value
    /// of an equality test, the first allowed of a list, a bound of a range, every part of `all`, the first part of
    /// `any` that has a witness, nothing for `not` and for a test that the fact be unknown. `nil` when a text test or
    /// a value the slot cannot take stands in the way.
    fileprivate func witness(allowing allowed: ObservableFacts) -> [(fact: FactReference, value: FactValue)]? {
        func permitted(_ fact: FactReference, _ value: FactValue) -> Bool { allowed.permits(fact.index, value) }
        switch self {
        case .test(let fact, .equals(let value)):
            return permitted(fact, value) ? [(fact, value)] : nil
        case .test(let fact, .oneOf(let values)):
            return values.first { permitted(fact, $0) }.map { [(fact, $0)] }
        case .test(let fact, .range(let lower, let upper, _)):
            let value = FactValue.int(lower ?? upper ?? 0)
            return permitted(fact, value) ? [(fact, value)] : nil
        case .test(_, .exists(false)), .not:
            return []
        case .test:
            return nil
        case .all(let parts):
            var facts: [(fact: FactReference, value: FactValue)] = []
            for part in parts {
                guard let found = part.witness(allowing: allowed) else { return nil }
                facts += found
            }
            return facts
        case .any(let parts):
            return parts.lazy.compactMap { $0.witness(allowing: allowed) }.first
        }
    }
}

/// Reasons from evidence to ranked diagnoses: derives facts to a fixpoint, weighs the evidence of every diagnosis
/// with certainty factors, ranks, and merges the checklist.
///
/// The engine knows the shapes of rules and nothing about SMTP; all of that is in the knowledge base.
public struct InferenceEngine: Sendable {
    /// The knowledge base reasoned with.
    public let knowledgeBase: KnowledgeBase
    /// Diagnoses below this certainty are not shown.
    public var threshold: Double
    /// How much evidence counts by the source of the facts it reads (`KnowledgeBase.sourceWeights`); empty when every
    /// source counts fully.
    public let sourceWeights: [FactSource.Kind: Double]

    /// The checklist is made from the leading diagnoses only — at most this many — so that it stays a list a person
    /// works through rather than every fix for every remote possibility.
    public static let checklistDiagnoses = 3
    /// A diagnosis leads when its certainty is at least this share of the best one's.
    public static let checklistShare = 0.6

    /// For each fact, the derivation rules that read it; what working memory must hold for each rule to be able to
    /// hold; and the rules and the pieces of evidence (numbered one after another, diagnosis by diagnosis) filed by
    /// the facts and phrases that bring them into scope, with where each diagnosis's pieces start and whose each piece
    /// is (the knowledge base's `scopes`).
    private let readers: [ArraySlice<Int>]
    private let ruleScopes: [ConditionScope]
    private let rulesByScope: ScopeIndex
    private let evidenceByScope: ScopeIndex
    private let evidenceStarts: [Int]
    private let evidenceOwners: [Int32]
    /// The evidence of each diagnosis, kept apart so that weighing reads it without copying a whole diagnosis.
    private let evidenceOfDiagnoses: [DiagnosisDefinition.EvidenceStorage]

    /// Creates an engine.
    /// - Parameters:
    ///   - knowledgeBase: the compiled knowledge base.
    ///   - threshold: the lowest certainty a diagnosis needs to be shown (default 0.2).
    ///   - weighingSources: whether evidence counts by the source of its facts (`KnowledgeBase.sourceWeights`), as
    ///     where what a person reported meets what a probe observed; otherwise every source counts fully.
    public init(knowledgeBase: KnowledgeBase, threshold: Double = 0.2, weighingSources: Bool = false) {
        self.knowledgeBase = knowledgeBase
        self.threshold = threshold
        sourceWeights = weighingSources ? knowledgeBase.sourceWeights : [:]
        let scopes = knowledgeBase.scopes
        readers = scopes.readers
        ruleScopes = scopes.rules
        rulesByScope = scopes.ruleIndex
        evidenceByScope = scopes.evidenceIndex
        evidenceStarts = scopes.evidenceStarts
        evidenceOwners = scopes.evidenceOwners
        evidenceOfDiagnoses = knowledgeBase.diagnoses.map(\.evidenceStorage)
    }

    /// Diagnoses the evidence.
    ///
    /// Each observation is reasoned about with the context facts; the certainties of a diagnosis from several
    /// observations are combined. A piece of evidence that holds on the context alone — an interview's answers beside
    /// a probe and a DNS lookup, a provider given beside two errors — counts once, with the first observation it
    /// holds in.
    /// - Returns: the ranked diagnoses, their explanation and the checklist.
    public func diagnose(_ evidence: Evidence) -> DiagnosisResult {
        let observations = evidence.observations.isEmpty ? [Observation(facts: [])] : evidence.observations
        let numbered = observations.count > 1
        var facts: [Fact] = []
        var seenFacts = Set<Fact>()
        var firings: [RuleFiring] = []
        var scores: [Int: (certainty: Double, evidence: [EvidenceFiring])] = [:]
        var explainedAway: [ExplainedAway] = []
        var codes: [CodeMeaning] = []
        var providerID: String?
        let contextFindings = numbered ? findings(of: evidence.context) : []
        var countedFindings: Set<EvidencePosition> = []

        for (number, observation) in observations.enumerated() {
            let label = numbered ? number + 1 : nil
            let memory = WorkingMemory(size: knowledgeBase.facts.count, matcher: knowledgeBase.phraseMatcher)
            for fact in evidence.context + observation.facts {
                checkDeclared(fact)
                guard let index = knowledgeBase.factIndex[fact.name] else { continue }
                memory.set(index, fact.value, source: fact.source, weight: weight(of: fact.source))
            }
            firings += derive(memory, observation: label)
            let meanings = codeMeanings(memory)
            let weighed = weigh(
                memory, observation: label, genericCode: meanings.contains { $0.entry.generic },
                once: contextFindings, counted: &countedFindings)
            explainedAway += weighed.explainedAway
            for (index, fired) in weighed.scores {
                let previous = scores[index] ?? (0, [])
                scores[index] = (
                    CertaintyFactor.combine(previous.certainty, fired.certainty), previous.evidence + fired.evidence
                )
            }
            for entry in memory.entries {
                let fact = Fact(knowledgeBase.facts[entry.slot].name, entry.value, source: entry.source)
                // One observation's facts fill distinct slots: only several can repeat one.
                if !numbered || seenFacts.insert(fact).inserted { facts.append(fact) }
            }
            codes += meanings.filter { !codes.contains($0) }
            if providerID == nil, let index = knowledgeBase.factIndex["provider"] {
                providerID = memory.value(index)?.stringValue
            }
        }

        let ranked = scores.map { index, score in
            rank(
                knowledgeBase.diagnoses[index], certainty: score.certainty,
                evidence: score.evidence.sorted { abs($0.certainty) > abs($1.certainty) })
        }.sorted { ($0.confidence, $1.definition.id) > ($1.confidence, $0.definition.id) }
        var shown = ranked.filter { $0.confidence >= threshold }
        if shown.isEmpty, let hinted = resemblance(in: facts) { shown = [hinted] }
        let leading = shown.prefix(Self.checklistDiagnoses).filter {
            $0.confidence >= (shown.first?.confidence ?? 0) * Self.checklistShare
        }
        let provider = providerID.flatMap { id in
            knowledgeBase.providers.first { $0.id.lowercased() == id.lowercased() }
        }
        return DiagnosisResult(
            facts: facts, firings: firings, diagnoses: shown, ruledOut: ranked.filter { $0.confidence < threshold },
            explainedAway: explainedAway,
            checklist: ChecklistBuilder(providerID: provider?.id, facts: facts).build(Array(leading)),
            codes: codes,
            provider: provider)
    }

    /// For evidence that no rule recognised: the general diagnosis of the category that the words of an error text
    /// point at (`WordResemblance`), as weakly as the class of a reply code alone, with the words as its reason.
    private func resemblance(in facts: [Fact]) -> RankedDiagnosis? {
        guard Self.resemblanceCertainty >= threshold else { return nil }
        for fact in facts where fact.name == "error.text" {
            guard let text = fact.value.stringValue,
                let hint = knowledgeBase.wordResemblance.hint(for: text),
                let id = knowledgeBase.categories.first(where: { $0.id == hint.category })?.generalDiagnosisID,
                let definition = knowledgeBase.diagnosis(id: id)
            else { continue }
            let words = ConditionCheck(
                fact: fact.name, factTest: .contains(hint.words, ids: []), negated: false, value: fact.value,
                source: fact.source, holds: true)
            let firing = EvidenceFiring(
                ruleID: "\(id)#words", certainty: Self.resemblanceCertainty, because: [words], observation: nil)
            return rank(definition, certainty: Self.resemblanceCertainty, evidence: [firing])
        }
        return nil
    }

    /// A diagnosis with its certainty, the evidence for it and its remediations.
    private func rank(
        _ definition: DiagnosisDefinition, certainty: Double, evidence: [EvidenceFiring]
    ) -> RankedDiagnosis {
        RankedDiagnosis(
            definition: definition, confidence: certainty, evidence: evidence,
            remediations: definition.remediationIDs.compactMap { knowledgeBase.remediations[$0] })
    }

    /// The certainty of a category that only the words of a text point at.
    static let resemblanceCertainty = 0.2

    /// The facts of one observation with everything the derivation rules add to them, without weighing any
    /// diagnosis: what a source of evidence needs to say what the rules made of it.
    /// - Parameter observation: the facts observed, each with its source.
    /// - Returns: every fact known at the end, given or derived, with its source.
    public func derivedFacts(of observation: Observation) -> [Fact] {
        let memory = derivedMemory(observation.facts)
        return memory.entries.map { Fact(knowledgeBase.facts[$0.slot].name, $0.value, source: $0.source) }
    }

    /// The facts, with everything the derivation rules add to them, in working memory.
    ///
    /// The interview uses it to see what an answer would tell the rules before it is given.
    func derivedMemory(_ facts: [Fact]) -> WorkingMemory {
        let memory = WorkingMemory(size: knowledgeBase.facts.count, matcher: knowledgeBase.phraseMatcher)
        for fact in facts {
            checkDeclared(fact)
            guard let index = knowledgeBase.factIndex[fact.name] else { continue }
            memory.set(index, fact.value, source: fact.source, weight: weight(of: fact.source))
        }
        _ = derive(memory, observation: nil)
        return memory
    }

    /// A fact the program's own code made (a parser, the probe, the DNS check) must be declared in the knowledge base
    /// with a value that fits: in debug builds and tests anything else stops here instead of being dropped. Facts the
    /// user typed are checked where they are read, with a message.
    private func checkDeclared(_ fact: Fact) {
        assert(
            !fact.source.kind.isProgramMade || knowledgeBase.problem(with: fact) == nil,
            "\(knowledgeBase.problem(with: fact) ?? ""), set by \(fact.source): declare it in Rules/facts*.yaml")
    }

    // MARK: - Forward chaining

    /// Fires derivation rules until no rule adds a fact; each rule fires at most once.
    ///
    /// The first pass tries every rule in scope in order, a rule brought into scope by one that fired before it
    /// included; each later pass tries the rules that read a fact the pass before set.
    private func derive(_ memory: WorkingMemory, observation: Int?) -> [RuleFiring] {
        var fired = Array(repeating: false, count: knowledgeBase.rules.count)
        var firings: [RuleFiring] = []
        var changed: [Int] = []
        var inScope = rulesByScope.admitted(known: memory.known, found: memory.found)
        var next = inScope.member(after: -1)
        while let ruleIndex = next {
            let found = memory.found
            if let set = fire(ruleIndex, memory, observation: observation, fired: &fired, firings: &firings) {
                changed += set
                rulesByScope.add(set, into: &inScope)
                rulesByScope.addPhrases(memory.found.subtracting(found), into: &inScope)
            }
            next = inScope.member(after: ruleIndex)
        }
        while !changed.isEmpty {
            let pending = Array(Set(changed.flatMap { readers[$0] })).filter { !fired[$0] }.sorted()
            changed = []
            for ruleIndex in pending
            where !fired[ruleIndex] && ruleScopes[ruleIndex].admits(known: memory.known, found: memory.found) {
                changed += fire(ruleIndex, memory, observation: observation, fired: &fired, firings: &firings) ?? []
            }
        }
        return firings
    }

    /// Fires the rule if its condition holds: sets its facts that are not known yet and records the firing.
    /// - Returns: the slots it set, or `nil` when its condition does not hold.
    private func fire(
        _ ruleIndex: Int, _ memory: WorkingMemory, observation: Int?, fired: inout [Bool], firings: inout [RuleFiring]
    ) -> [Int]? {
        let rule = knowledgeBase.rules[ruleIndex]
        guard let record = checks(rule.condition, memory) else { return nil }
        fired[ruleIndex] = true
        let trust = weight(of: record, in: memory)
        var set: [Fact] = []
        var slots: [Int] = []
        for (fact, value) in rule.assignments
        where memory.set(fact.index, value, source: FactSource(.rule, rule.id), weight: trust) {
            set.append(Fact(fact.name, value, source: FactSource(.rule, rule.id)))
            slots.append(fact.index)
        }
        if !set.isEmpty {
            firings.append(
                RuleFiring(
                    ruleID: rule.id, doc: rule.doc, facts: set, because: record.filter(\.holds),
                    observation: observation))
        }
        return slots
    }

    /// The tests that made the condition hold, or `nil` when it does not hold. The evaluator's copy of the slots is
    /// let go before the caller sets a fact, which then needs no copy of its own.
    private func checks(_ condition: Condition, _ memory: WorkingMemory) -> [ConditionCheck]? {
        let evaluator = ConditionEvaluator(memory: memory)
        guard evaluator.holds(condition) else { return nil }
        var record: [ConditionCheck] = []
        _ = evaluator.holds(condition, record: &record)
        return record
    }

    // MARK: - Weighing by source

    /// How much evidence read from a fact of this source counts.
    private func weight(of source: FactSource) -> Double {
        sourceWeights.isEmpty ? 1 : sourceWeights[source.kind] ?? 1
    }

    /// How much a conclusion drawn from these checks counts: the weight of the least trusted fact that made a test
    /// hold, so that a fact derived from a probe's observation counts like the observation.
    private func weight(of record: [ConditionCheck], in memory: WorkingMemory) -> Double {
        guard !sourceWeights.isEmpty else { return 1 }
        return record.lazy.filter { $0.holds && $0.value != nil }.compactMap { knowledgeBase.factIndex[$0.fact] }
            .map { memory.weight($0) }.min() ?? 1
    }

    // MARK: - Weighing evidence

    /// Calls `body` with each piece of evidence whose scope working memory meets, diagnosis by diagnosis, each in
    /// its order: its position, and its diagnosis's evidence, read once for all its pieces in scope (reading it from
    /// an image decodes it the first time).
    private func forEachEvidenceInScope(
        _ memory: WorkingMemory, _ body: (EvidencePosition, _ evidence: [EvidenceRule]) -> Void
    ) {
        var diagnosis = -1
        var evidence: [EvidenceRule] = []
        for piece in evidenceByScope.admitted(known: memory.known, found: memory.found) {
            if Int(evidenceOwners[piece]) != diagnosis {
                diagnosis = Int(evidenceOwners[piece])
                evidence = evidenceOfDiagnoses[diagnosis].rules
            }
            body(EvidencePosition(diagnosis: diagnosis, evidence: piece - evidenceStarts[diagnosis]), evidence)
        }
    }

    /// The pieces of evidence that hold on these facts alone, with what the derivation rules add to them.
    private func findings(of facts: [Fact]) -> Set<EvidencePosition> {
        let memory = derivedMemory(facts)
        let evaluator = ConditionEvaluator(memory: memory)
        var held: Set<EvidencePosition> = []
        forEachEvidenceInScope(memory) { position, evidence in
            if evaluator.holds(evidence[position.evidence].condition) { held.insert(position) }
        }
        return held
    }

    /// The certainty of every diagnosis some evidence touched in one observation, after explaining away;
    /// `genericCode` when the observation's status code is one the registry marks `generic`. A piece in `once` (one
    /// that holds on the context alone) counts only if it is not in `counted` yet, and is added to it.
    private func weigh(
        _ memory: WorkingMemory, observation: Int?, genericCode: Bool, once: Set<EvidencePosition>,
        counted: inout Set<EvidencePosition>
    ) -> (
        scores: [(Int, (certainty: Double, evidence: [EvidenceFiring]))], explainedAway: [ExplainedAway]
    ) {
        let evaluator = ConditionEvaluator(memory: memory)
        var results: [(Int, (certainty: Double, evidence: [EvidenceFiring]))] = []
        var worded: Set<Int> = []
        var record: [ConditionCheck] = []
        // The diagnosis whose evidence is being weighed, and what has held of it so far.
        var index = -1
        var certainty = 0.0
        var strongestTerm = 0.0
        var fired: [EvidenceFiring] = []
        func close() {
            if !fired.isEmpty { results.append((index, (CertaintyFactor.combine(certainty, strongestTerm), fired))) }
        }
        forEachEvidenceInScope(memory) { position, pieces in
            guard evaluator.holds(pieces[position.evidence].condition) else { return }
            if position.diagnosis != index {
                close()
                (index, certainty, strongestTerm, fired) = (position.diagnosis, 0, 0, [])
            }
            if !once.isEmpty, once.contains(position), !counted.insert(position).inserted { return }
            let evidence = pieces[position.evidence]
            record.removeAll(keepingCapacity: true)
            _ = evaluator.holds(evidence.condition, record: &record)
            let weighed = evidence.certainty * weight(of: record, in: memory)
            if evidence.isVocabulary {
                if weighed > 0 { worded.insert(index) }
                strongestTerm = max(strongestTerm, weighed)
            } else {
                certainty = CertaintyFactor.combine(certainty, weighed)
            }
            fired.append(
                EvidenceFiring(
                    ruleID: evidence.id, certainty: weighed, because: record.filter(\.holds),
                    observation: observation))
        }
        close()
        return explainAway(results, observation: observation, wordsOverCode: genericCode ? worded : [])
    }

    /// Sets aside every fallback for which a more specific diagnosis of the same observation is at least as
    /// certain: a bare code class or a category word says less than a cause that accounts for the same reply.
    ///
    /// When the code is generic (its detail names no cause), the words decide: a code fallback is also set aside by
    /// any diagnosis in `wordsOverCode`, those the vocabulary's words support, however weakly. A specific detail
    /// keeps its weight: `wordsOverCode` is empty then.
    private func explainAway(
        _ results: [(Int, (certainty: Double, evidence: [EvidenceFiring]))], observation: Int?,
        wordsOverCode: Set<Int>
    ) -> (scores: [(Int, (certainty: Double, evidence: [EvidenceFiring]))], explainedAway: [ExplainedAway]) {
        let diagnoses = knowledgeBase.diagnoses
        var kept: [(Int, (certainty: Double, evidence: [EvidenceFiring]))] = []
        var explained: [ExplainedAway] = []
        for result in results {
            let (index, score) = result
            let specificity = diagnoses[index].specificity
            let explanation =
                specificity == .specific || score.certainty <= 0
                ? nil
                : results.filter { other in
                    guard diagnoses[other.0].specificity > specificity else { return false }
                    return other.1.certainty >= score.certainty
                        || (specificity == .code && other.1.certainty > 0 && wordsOverCode.contains(other.0))
                }.max { ($0.1.certainty, diagnoses[$1.0].id) < ($1.1.certainty, diagnoses[$0.0].id) }
            if let explanation {
                explained.append(
                    ExplainedAway(
                        diagnosisID: diagnoses[index].id, certainty: score.certainty,
                        explainedBy: diagnoses[explanation.0].id, observation: observation))
            } else {
                kept.append(result)
            }
        }
        return (kept, explained)
    }

    private func codeMeanings(_ memory: WorkingMemory) -> [CodeMeaning] {
        ["reply.code", "reply.enhanced"].compactMap { name in
            guard let index = knowledgeBase.factIndex[name], let value = memory.value(index) else { return nil }
            return knowledgeBase.meaning(ofCode: value.description).map {
                CodeMeaning(code: value.description, entry: $0)
            }
        }
    }
}

/// A piece of evidence: its diagnosis's index in the knowledge base and its own in the diagnosis's evidence.
private struct EvidencePosition: Hashable {
    var diagnosis: Int
    var evidence: Int
}

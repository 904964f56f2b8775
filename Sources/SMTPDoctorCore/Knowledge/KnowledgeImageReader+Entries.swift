/// How each part of a compiled knowledge base is read from the image, in the order
/// `KnowledgeImageWriter+Entries.swift` writes them.
extension KnowledgeImageReader {
    mutating func location() -> SourceLocation {
        let file = string()
        return SourceLocation(file: file, line: int())
    }

    mutating func factValue() -> FactValue {
        switch int() {
        case 0: return .int(int())
        case 1: return .string(string())
        case 2: return .bool(bool())
        default: return fail(.bool(false))
        }
    }

    mutating func reference() -> FactReference {
        let name = string()
        return FactReference(name: name, index: int())
    }

    mutating func assignments() -> [(fact: FactReference, value: FactValue)] {
        list { reader in
            let fact = reader.reference()
            return (fact, reader.factValue())
        }
    }

    mutating func condition() -> Condition {
        switch int() {
        case 0:
            let fact = reference()
            return .test(fact, test())
        case 1: return .all(list { $0.condition() })
        case 2: return .any(list { $0.condition() })
        case 3: return .not(condition())
        default: return fail(.all([]))
        }
    }

    mutating func test() -> FactTest {
        switch int() {
        case 0: return .equals(factValue())
        case 1: return .oneOf(list { $0.factValue() })
        case 2: return .notEqual(factValue())
        case 3: return .prefix(string())
        case 4:
            let phrases = list { $0.string() }
            return .contains(phrases, ids: list { $0.int() })
        case 5: return expression().map { .matches($0) } ?? fail(.exists(false))
        case 6: return .exists(bool())
        case 7:
            let lower = optionalInt()
            let upper = optionalInt()
            return .range(lower: lower, upper: upper, label: string())
        default: return fail(.exists(false))
        }
    }

    mutating func expressionList() -> [RegularExpression] {
        list { $0.expression() }.compactMap { $0 }
    }

    mutating func fact() -> FactDeclaration {
        let name = string()
        let type = FactType(rawValue: string()) ?? fail(.text)
        return FactDeclaration(
            name: name, type: type, values: list { $0.string() }, doc: string(), location: location())
    }

    mutating func category() -> DiagnosisCategory {
        let id = string()
        return DiagnosisCategory(id: id, meaning: string(), generalDiagnosisID: optionalString())
    }

    mutating func symptom() -> Symptom {
        let id = string()
        return Symptom(id: id, title: string(), phrases: expressionList(), location: location())
    }

    mutating func provider() -> ProviderProfile {
        let id = string()
        let name = string()
        let aliases = list { $0.string() }
        let doc = string()
        let settings = list { reader in
            let purpose = reader.string()
            return ProviderSetting(
                purpose: purpose, host: reader.string(), port: reader.optionalInt(), tls: reader.optionalString(),
                auth: reader.list { $0.string() }, notes: reader.optionalString())
        }
        let limits = list { reader in
            let name = reader.string()
            return ProviderLimit(name: name, value: reader.string(), recommended: reader.optionalString())
        }
        let hostPatterns = expressionList()
        let textPatterns = expressionList()
        let codes = list { reader in
            let code = reader.string()
            return ProviderCode(
                code: code, reply: reader.optionalInt(), meaning: reader.string(), diagnosisID: reader.string())
        }
        let dkimSelectors = list { $0.string() }
        return ProviderProfile(
            id: id, name: name, aliases: aliases, doc: doc, settings: settings, limits: limits,
            hostPatterns: hostPatterns, textPatterns: textPatterns, codes: codes, location: location(),
            dkimSelectors: dkimSelectors)
    }

    mutating func rule() -> DerivationRule {
        let id = string()
        let doc = string()
        let condition = condition()
        let assignments = assignments()
        return DerivationRule(
            id: id, doc: doc, condition: condition, assignments: assignments, priority: int(), location: location())
    }

    /// A diagnosis whose evidence is an entry of the image that `evidence(count:)` reads from `evidenceEntries`, one
    /// per diagnosis in order (``KnowledgeImageWriter`` writes them apart, so that reading the diagnoses steps over
    /// them).
    mutating func diagnosis(image: KnowledgeImage, evidenceEntries: [Int], number: Int) -> DiagnosisDefinition {
        let id = string()
        let category = string()
        let title = string()
        let summary = string()
        let evidenceCount = count()
        let start = number < evidenceEntries.count ? evidenceEntries[number] : fail(0)
        let evidence = ImageEvidence(image: image, expressions: expressions, start: start, count: evidenceCount)
        let remediationIDs = list { $0.string() }
        let specificity = DiagnosisSpecificity(rawValue: int()) ?? fail(.specific)
        let examples = list { reader in
            let error = reader.optionalString()
            return DiagnosisExample(
                error: error, provider: reader.optionalString(), symptoms: reader.list { $0.string() },
                location: reader.location())
        }
        let prior = double()
        return DiagnosisDefinition(
            id: id, category: category, title: title, summary: summary, imageEvidence: evidence,
            remediationIDs: remediationIDs, specificity: specificity, examples: examples, location: location(),
            prior: prior)
    }

    /// The `count` pieces of evidence of one diagnosis.
    mutating func evidence(count: Int) -> [EvidenceRule] {
        var pieces: [EvidenceRule] = []
        for _ in 0..<count where !failed {
            let id = string()
            let test = condition()
            pieces.append(
                EvidenceRule(id: id, condition: test, certainty: double(), isVocabulary: bool(), location: location()))
        }
        return pieces
    }

    mutating func question() -> Question {
        let id = string()
        let text = string()
        let help = optionalString()
        let kind = QuestionKind(rawValue: string()) ?? fail(.text)
        let cost = double()
        let answers = list { reader in
            let id = reader.string()
            return QuestionAnswer(
                id: id, label: reader.string(), facts: reader.assignments(), errorText: reader.optionalString(),
                words: reader.list { $0.string() })
        }
        let textFacts = list { $0.reference() }
        let portFact = bool() ? reference() : nil
        let askWhen = bool() ? condition() : nil
        let lookup = optionalString().map { QuestionLookup(rawValue: $0) ?? fail(.domainDNS) }
        return Question(
            id: id, text: text, help: help, kind: kind, cost: cost, answers: answers, textFacts: textFacts,
            portFact: portFact, askWhen: askWhen, lookup: lookup, location: location())
    }

    mutating func commands() -> [RemediationCommand] {
        list { reader in
            let label = reader.string()
            return RemediationCommand(label: label, shell: reader.string(), run: reader.string())
        }
    }

    mutating func remediation() -> Remediation {
        let id = string()
        let title = string()
        let effort = int()
        let steps = list { $0.string() }
        let commands = commands()
        var providerSteps: [String: ProviderRemediation] = [:]
        for _ in 0..<count() where !failed {
            let provider = string()
            let steps = list { $0.string() }
            providerSteps[provider] = ProviderRemediation(steps: steps, commands: self.commands())
        }
        var scopes: [String: StepScope] = [:]
        for _ in 0..<count() where !failed {
            let step = string()
            var values: [String: Set<String>] = [:]
            for _ in 0..<count() where !failed {
                let fact = string()
                values[fact] = Set(list { $0.string() })
            }
            scopes[step] = StepScope(lowercasedValues: values)
        }
        return Remediation(
            id: id, title: title, effort: effort, steps: steps, commands: commands, providerSteps: providerSteps,
            scopes: scopes, location: location())
    }

    mutating func registry() -> [String: ReplyCodeEntry] {
        var registry: [String: ReplyCodeEntry] = [:]
        for _ in 0..<count() where !failed {
            let key = string()
            let code = string()
            registry[key] = ReplyCodeEntry(
                code: code, title: string(), meaning: string(), reference: optionalString(), generic: bool())
        }
        return registry
    }

    mutating func phraseMatcher() -> PhraseMatcher {
        let count = count()
        let nodes = self.count()
        let node = -1..<nodes
        let rootChildren = packed(node)
        let firstChild = packed(node)
        let nextSibling = packed(node)
        let failure = packed(0..<nodes)
        let endingStart = packed(0..<Int(Int32.max))
        let endingIDs = packed(0..<count)
        let endingLink = packed(node)
        let label = packed(0..<256, as: UInt8.self)
        guard !failed else { return PhraseMatcher(phrases: []) }
        return PhraseMatcher(
            count: count, rootChildren: rootChildren, firstChild: firstChild, nextSibling: nextSibling, label: label,
            failure: failure, endingStart: endingStart, endingIDs: endingIDs, endingLink: endingLink)
            ?? fail(PhraseMatcher(phrases: []))
    }
}

extension KnowledgeImageReader {
    /// The condition scopes, every list a slice of a table shared by all of them, each checked against the sizes of
    /// the knowledge base read before them.
    mutating func scopes(factCount: Int, ruleCount: Int, evidenceCounts: [Int], phraseCount: Int) -> ConditionScopes {
        let readers = runs(below: ruleCount)
        let facts = runs(below: factCount)
        let phrases = runs(below: phraseCount)
        let open = packed(0..<2, as: UInt8.self)
        let scopeCount = ruleCount + evidenceCounts.reduce(0, +)
        guard !failed, readers.count == factCount, facts.count == scopeCount, phrases.count == scopeCount,
            open.count == scopeCount
        else { return fail(.empty) }
        let all = (0..<scopeCount).map {
            ConditionScope(isOpen: open[$0] != 0, facts: facts[$0], phrases: phrases[$0])
        }
        var evidence: [ArraySlice<ConditionScope>] = []
        evidence.reserveCapacity(evidenceCounts.count)
        var next = ruleCount
        for count in evidenceCounts {
            evidence.append(all[next..<next + count])
            next += count
        }
        let keys = (factCount: factCount, phraseCount: phraseCount)
        guard let ruleIndex = scopeIndex(count: ruleCount, keys: keys),
            let evidenceIndex = scopeIndex(count: scopeCount - ruleCount, keys: keys)
        else { return fail(.empty) }
        return ConditionScopes(
            readers: readers, rules: Array(all[..<ruleCount]), evidence: evidence, ruleIndex: ruleIndex,
            evidenceIndex: evidenceIndex)
    }

    /// A ``ScopeIndex`` of `count` scopes, written by `KnowledgeImageWriter.write(_:)` as its five tables.
    private mutating func scopeIndex(count: Int, keys: (factCount: Int, phraseCount: Int)) -> ScopeIndex? {
        let open = packed(0..<count)
        let factStarts = packed(0..<Int(Int32.max))
        let factMembers = packed(0..<count)
        let phraseStarts = packed(0..<Int(Int32.max))
        let phraseMembers = packed(0..<count)
        guard !failed, factStarts.count <= keys.factCount + 1, phraseStarts.count <= keys.phraseCount + 1 else {
            return nil
        }
        return ScopeIndex(count: count, tables: [open, factStarts, factMembers, phraseStarts, phraseMembers])
    }

    /// Lists written by `KnowledgeImageWriter.writeRuns`, each value in `0..<limit`, as slices of one table.
    private mutating func runs(below limit: Int) -> [ArraySlice<Int>] {
        let values = packed(0..<limit, as: Int.self)
        let ends = packed(0..<values.count + 1, as: Int.self)
        var start = 0
        var runs: [ArraySlice<Int>] = []
        runs.reserveCapacity(ends.count)
        for end in ends {
            guard end >= start else { return fail([]) }
            runs.append(values[start..<end])
            start = end
        }
        return start == values.count ? runs : fail([])
    }
}

/// How each part of a compiled knowledge base is written into the image; `KnowledgeImageReader+Entries.swift`
/// reads the same parts in the same order.
extension KnowledgeImageWriter {
    mutating func write(_ location: SourceLocation) {
        string(location.file)
        int(location.line)
    }

    mutating func write(_ value: FactValue) {
        switch value {
        case .int(let number):
            int(0)
            int(number)
        case .string(let text):
            int(1)
            string(text)
        case .bool(let flag):
            int(2)
            bool(flag)
        }
    }

    mutating func write(_ reference: FactReference) {
        string(reference.name)
        int(reference.index)
    }

    mutating func write(_ assignments: [(fact: FactReference, value: FactValue)]) {
        int(assignments.count)
        for assignment in assignments {
            write(assignment.fact)
            write(assignment.value)
        }
    }

    mutating func write(_ condition: Condition) {
        switch condition {
        case .test(let fact, let test):
            int(0)
            write(fact)
            write(test)
        case .all(let conditions):
            int(1)
            int(conditions.count)
            for condition in conditions { write(condition) }
        case .any(let conditions):
            int(2)
            int(conditions.count)
            for condition in conditions { write(condition) }
        case .not(let condition):
            int(3)
            write(condition)
        }
    }

    mutating func write(_ test: FactTest) {
        switch test {
        case .equals(let value):
            int(0)
            write(value)
        case .oneOf(let values):
            int(1)
            int(values.count)
            for value in values { write(value) }
        case .notEqual(let value):
            int(2)
            write(value)
        case .prefix(let text):
            int(3)
            string(text)
        case .contains(let phrases, let ids):
            int(4)
            strings(phrases)
            int(ids.count)
            for id in ids { int(id) }
        case .matches(let pattern):
            int(5)
            expression(pattern)
        case .exists(let flag):
            int(6)
            bool(flag)
        case .range(let lower, let upper, let label):
            int(7)
            optionalInt(lower)
            optionalInt(upper)
            string(label)
        }
    }

    mutating func write(_ fact: FactDeclaration) {
        string(fact.name)
        string(fact.type.rawValue)
        strings(fact.values)
        string(fact.doc)
        write(fact.location)
    }

    mutating func write(_ category: DiagnosisCategory) {
        string(category.id)
        string(category.meaning)
        optionalString(category.generalDiagnosisID)
    }

    mutating func write(_ symptom: Symptom) {
        string(symptom.id)
        string(symptom.title)
        int(symptom.phrases.count)
        for phrase in symptom.phrases { expression(phrase) }
        write(symptom.location)
    }

    mutating func write(_ provider: ProviderProfile) {
        string(provider.id)
        string(provider.name)
        strings(provider.aliases)
        string(provider.doc)
        int(provider.settings.count)
        for setting in provider.settings {
            string(setting.purpose)
            string(setting.host)
            optionalInt(setting.port)
            optionalString(setting.tls)
            strings(setting.auth)
            optionalString(setting.notes)
        }
        int(provider.limits.count)
        for limit in provider.limits {
            string(limit.name)
            string(limit.value)
            optionalString(limit.recommended)
        }
        for patterns in [provider.hostPatterns, provider.textPatterns] {
            int(patterns.count)
            for pattern in patterns { expression(pattern) }
        }
        int(provider.codes.count)
        for code in provider.codes {
            string(code.code)
            optionalInt(code.reply)
            string(code.meaning)
            string(code.diagnosisID)
        }
        strings(provider.dkimSelectors)
        write(provider.location)
    }

    mutating func write(_ rule: DerivationRule) {
        string(rule.id)
        string(rule.doc)
        write(rule.condition)
        write(rule.assignments)
        int(rule.priority)
        write(rule.location)
    }

    /// The pieces of evidence of a diagnosis, as `KnowledgeImageReader.evidence(count:)` reads them; their count is
    /// written with the diagnosis.
    mutating func write(evidenceOf diagnosis: DiagnosisDefinition) {
        for rule in diagnosis.evidence {
            string(rule.id)
            write(rule.condition)
            double(rule.certainty)
            bool(rule.isVocabulary)
            write(rule.location)
        }
    }

    mutating func write(_ diagnosis: DiagnosisDefinition) {
        string(diagnosis.id)
        string(diagnosis.category)
        string(diagnosis.title)
        string(diagnosis.summary)
        // The evidence itself is written apart (`write(evidenceOf:)`), to be decoded when it is first read.
        int(diagnosis.evidence.count)
        strings(diagnosis.remediationIDs)
        int(diagnosis.specificity.rawValue)
        int(diagnosis.examples.count)
        for example in diagnosis.examples {
            optionalString(example.error)
            optionalString(example.provider)
            strings(example.symptoms)
            write(example.location)
        }
        double(diagnosis.prior)
        write(diagnosis.location)
    }

    mutating func write(_ question: Question) {
        string(question.id)
        string(question.text)
        optionalString(question.help)
        string(question.kind.rawValue)
        double(question.cost)
        int(question.answers.count)
        for answer in question.answers {
            string(answer.id)
            string(answer.label)
            write(answer.facts)
            optionalString(answer.errorText)
            strings(answer.words)
        }
        int(question.textFacts.count)
        for fact in question.textFacts { write(fact) }
        bool(question.portFact != nil)
        if let fact = question.portFact { write(fact) }
        bool(question.askWhen != nil)
        if let condition = question.askWhen { write(condition) }
        optionalString(question.lookup?.rawValue)
        write(question.location)
    }

    mutating func write(_ commands: [RemediationCommand]) {
        int(commands.count)
        for command in commands {
            string(command.label)
            string(command.shell)
            string(command.run)
        }
    }

    mutating func write(_ remediation: Remediation) {
        string(remediation.id)
        string(remediation.title)
        int(remediation.effort)
        strings(remediation.steps)
        write(remediation.commands)
        let providers = remediation.providerSteps.sorted { $0.key < $1.key }
        int(providers.count)
        for (provider, steps) in providers {
            string(provider)
            strings(steps.steps)
            write(steps.commands)
        }
        let scopes = remediation.scopes.sorted { $0.key < $1.key }
        int(scopes.count)
        for (step, scope) in scopes {
            string(step)
            let values = scope.values.sorted { $0.key < $1.key }
            int(values.count)
            for (fact, allowed) in values {
                string(fact)
                strings(allowed.sorted())
            }
        }
        write(remediation.location)
    }

    /// A registry of reply codes, by code in sorted order so that the image does not depend on hashing.
    mutating func write(_ registry: [String: ReplyCodeEntry]) {
        let entries = registry.sorted { $0.key < $1.key }
        int(entries.count)
        for (key, entry) in entries {
            string(key)
            string(entry.code)
            string(entry.title)
            string(entry.meaning)
            optionalString(entry.reference)
            bool(entry.generic)
        }
    }

    mutating func write(_ matcher: PhraseMatcher) {
        int(matcher.count)
        int(matcher.label.count)
        for table in [
            matcher.rootChildren, matcher.firstChild, matcher.nextSibling, matcher.failure, matcher.endingStart,
            matcher.endingIDs, matcher.endingLink,
        ] {
            packed(table.map { Int($0) })
        }
        packed(matcher.label.map { Int($0) })
    }
}

extension KnowledgeImageWriter {
    /// The condition scopes as packed tables, so that reading them makes no list of its own: which rules read each
    /// fact, then for every scope (the rules', then each diagnosis's evidence in turn) whether it is open, with its
    /// facts and phrases as runs of two shared tables; then the index of the rules' scopes and that of the evidence's,
    /// five tables each.
    mutating func write(_ scopes: ConditionScopes) {
        writeRuns(scopes.readers.map { Array($0) })
        let all = scopes.rules + scopes.evidence.flatMap { $0 }
        writeRuns(all.map { Array($0.facts) })
        writeRuns(all.map { Array($0.phrases) })
        packed(all.map { $0.isOpen ? 1 : 0 })
        for table in scopes.ruleIndex.tables + scopes.evidenceIndex.tables { packed(table.map(Int.init)) }
    }

    /// Lists of numbers as one packed table of their values and one of where each list ends in it.
    private mutating func writeRuns(_ lists: [[Int]]) {
        packed(lists.flatMap { $0 })
        var end = 0
        packed(
            lists.map {
                end += $0.count
                return end
            })
    }
}

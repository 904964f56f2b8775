/// The second loading stage: checks the merged entries against each other and compiles them for the engine.
///
/// Every reference is resolved here — fact names, enum values, provider, remediation and category ids,
/// regular expressions — and each failure is reported at the line that holds it.
struct KnowledgeBaseBuilder {
    let raw: RawKnowledge
    let log: ProblemLog
    let catalog = PhraseCatalog()

    func build() -> KnowledgeBase {
        let providerIDs = raw.providers.all.map(\.id)
        let categories = buildCategories()
        let symptoms = buildSymptoms()
        let facts = buildFacts(providerIDs: providerIDs, symptoms: symptoms)
        let compiler = ConditionCompiler(facts: facts, catalog: catalog)
        let remediations = buildRemediations(providerIDs: Set(providerIDs), facts: facts)
        let providers = raw.providers.all.compactMap { buildProvider($0.entry) }
        checkProviderAliases(providers)
        let rules = prioritised(buildRules(compiler) + recognitionRules(providers, symptoms, compiler))
        let categoryIDs = Set(categories.map(\.id))
        var diagnoses = raw.diagnoses.all.compactMap {
            buildDiagnosis($0.id, $0.entry, compiler, categoryIDs, remediations, Set(providerIDs), symptoms)
        }
        attachProviderCodes(providers, to: &diagnoses, compiler)
        let generalDiagnoses = checkGeneralDiagnoses(categories, diagnoses)
        attachVocabulary(to: &diagnoses, generalDiagnoses: generalDiagnoses, compiler)
        attachSituations(to: &diagnoses, compiler)
        attachPriors(to: &diagnoses)
        let questions = buildQuestions(compiler, providers: providers, symptoms: symptoms, diagnoses: diagnoses)
        return KnowledgeBase(
            facts: facts, categories: categories, symptoms: symptoms, providers: providers, rules: rules,
            diagnoses: diagnoses, questions: questions, remediations: RemediationTable(remediations),
            codes: buildCodes(), enhancedClasses: buildRegistry(raw.enhancedClasses),
            enhancedSubjects: buildRegistry(raw.enhancedSubjects),
            phraseMatcher: PhraseMatcher(phrases: catalog.phrases), stagePhrases: buildStagePhrases(facts),
            bounceWording: buildBounceWording(), sourceWeights: buildSourceWeights())
    }

    // MARK: - Facts, categories, symptoms

    private func buildFacts(providerIDs: [String], symptoms: [Symptom]) -> [FactDeclaration] {
        var facts: [FactDeclaration] = []
        for (name, entry) in raw.facts.all {
            entry.rejectUnknownKeys(["type", "values", "values-from", "doc"], in: "fact '\(name)'")
            guard let typeName = entry.required("type") else { continue }
            guard let type = FactType(rawValue: typeName) else {
                entry.report(
                    "fact '\(name)' has unknown type '\(typeName)'; use one of: "
                        + FactType.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            var values = entry.texts("values")
            if let from = entry.optional("values-from") {
                if from == "providers" {
                    values += providerIDs
                } else {
                    entry.report("fact '\(name)': values-from must be 'providers', not '\(from)'")
                }
            }
            if type == .enum && values.isEmpty {
                entry.report("fact '\(name)' is an enum but declares no values")
            }
            facts.append(
                FactDeclaration(
                    name: name, type: type, values: values, doc: entry.optional("doc") ?? "",
                    location: entry.location))
        }
        for symptom in symptoms {
            facts.append(
                FactDeclaration(
                    name: symptom.factName, type: .bool, values: [], doc: symptom.title, location: symptom.location))
        }
        return facts
    }

    private func buildCategories() -> [DiagnosisCategory] {
        raw.categories.all.compactMap { id, entry in
            entry.rejectUnknownKeys(["id", "meaning", "general"], in: "category '\(id)'")
            return DiagnosisCategory(
                id: id, meaning: entry.required("meaning") ?? "", generalDiagnosisID: entry.optional("general"))
        }
    }

    private func buildSymptoms() -> [Symptom] {
        raw.symptoms.all.compactMap { id, entry in
            entry.rejectUnknownKeys(["id", "title", "phrases"], in: "symptom '\(id)'")
            let phrases = entry.texts("phrases").compactMap { regex("(?i)" + $0, at: entry) }
            return Symptom(id: id, title: entry.required("title") ?? id, phrases: phrases, location: entry.location)
        }
    }

    // MARK: - Codes

    private func buildCodes() -> [String: ReplyCodeEntry] {
        var codes = buildRegistry(raw.basicCodes)
        for (code, entry) in buildRegistry(raw.enhancedCodes) {
            if code.range(of: #"^X\.\d{1,3}\.\d{1,3}$"#, options: .regularExpression) == nil {
                raw.enhancedCodes.entries[code]?.report("enhanced code '\(code)' must look like X.7.8")
            }
            codes[code] = entry
        }
        return codes
    }

    private func buildRegistry(_ table: RawKnowledge.Table) -> [String: ReplyCodeEntry] {
        var registry: [String: ReplyCodeEntry] = [:]
        for (code, entry) in table.all {
            entry.rejectUnknownKeys(
                ["code", "class", "subject", "title", "meaning", "reference", "generic"], in: "code '\(code)'")
            let generic = entry.optional("generic")
            if let generic, generic != "true", generic != "false" {
                entry["generic"]?.report("code '\(code)': generic must be true or false, not '\(generic)'")
            }
            registry[code] = ReplyCodeEntry(
                code: code, title: entry.required("title") ?? "", meaning: entry.required("meaning") ?? "",
                reference: entry.optional("reference"), generic: generic == "true")
        }
        return registry
    }

    // MARK: - Rules

    /// The rules, highest priority first: the engine tries them in this order and a fact once set is kept, so the
    /// rule of higher priority decides when two would set the same fact.
    ///
    /// Rules of equal priority keep their written order; that order must not matter, so two rules whose conditions
    /// can hold together and that set one fact to different values need different priorities.
    private func prioritised(_ rules: [DerivationRule]) -> [DerivationRule] {
        rules.enumerated().sorted { ($0.element.priority, $1.offset) > ($1.element.priority, $0.offset) }
            .map(\.element)
    }

    private func buildRules(_ compiler: ConditionCompiler) -> [DerivationRule] {
        raw.rules.all.compactMap { id, entry in
            entry.rejectUnknownKeys(["id", "doc", "if", "then", "priority"], in: "rule '\(id)'")
            guard let conditionEntry = entry["if"] else {
                entry.report("rule '\(id)' has no 'if'")
                return nil
            }
            guard let then = entry["then"] else {
                entry.report("rule '\(id)' has no 'then'")
                return nil
            }
            let condition = compiler.compile(conditionEntry)
            let assignments = then.pairs("'then'").compactMap { name, value in
                compiler.assignment(name, value)
            }
            guard let condition else { return nil }
            return DerivationRule(
                id: id, doc: entry.optional("doc") ?? "", condition: condition, assignments: assignments,
                priority: entry.integer("priority") ?? 0, location: entry.location)
        }
    }

    /// Provider recognition patterns and symptom phrases become ordinary derivation rules.
    private func recognitionRules(
        _ providers: [ProviderProfile], _ symptoms: [Symptom], _ compiler: ConditionCompiler
    ) -> [DerivationRule] {
        var rules: [DerivationRule] = []
        guard let provider = compiler.reference("provider"), let host = compiler.reference("remote.host"),
            let text = compiler.reference("error.text")
        else { return rules }
        for profile in providers where !(profile.hostPatterns.isEmpty && profile.textPatterns.isEmpty) {
            let tests =
                profile.hostPatterns.map { Condition.test(host, .matches($0)) }
                + profile.textPatterns.map { Condition.test(text, .matches($0)) }
            rules.append(
                DerivationRule(
                    id: "provider.recognise.\(profile.id)", doc: "The host name or reply text names \(profile.name).",
                    condition: .any(tests), assignments: [(provider, .string(profile.id))],
                    location: profile.location))
        }
        for symptom in symptoms where !symptom.phrases.isEmpty {
            guard let fact = compiler.reference(symptom.factName) else { continue }
            rules.append(
                DerivationRule(
                    id: "symptom.recognise.\(symptom.id)", doc: "The text describes this symptom: \(symptom.title).",
                    condition: .any(symptom.phrases.map { Condition.test(text, .matches($0)) }),
                    assignments: [(fact, .bool(true))], location: symptom.location))
        }
        return rules
    }

    // MARK: - Shared helpers

    func regex(_ pattern: String, at entry: YAMLEntry) -> RegularExpression? {
        entry.regularExpression(pattern).map { catalog.register($0) }
    }
}

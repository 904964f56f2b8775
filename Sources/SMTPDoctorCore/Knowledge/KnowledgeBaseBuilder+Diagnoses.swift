extension KnowledgeBaseBuilder {
    // MARK: - Diagnoses

    func buildDiagnosis(
        _ id: String, _ entry: YAMLEntry, _ compiler: ConditionCompiler, _ categoryIDs: Set<String>,
        _ remediations: [String: Remediation], _ providerIDs: Set<String>, _ symptoms: [Symptom]
    ) -> DiagnosisDefinition? {
        entry.rejectUnknownKeys(
            ["id", "category", "title", "summary", "fallback", "evidence", "remediation", "examples"],
            in: "diagnosis '\(id)'")
        var specificity = DiagnosisSpecificity.specific
        if let fallback = entry.optional("fallback") {
            if let level = DiagnosisSpecificity(fallback: fallback) {
                specificity = level
            } else {
                entry["fallback"]?.report("diagnosis '\(id)': fallback must be 'code' or 'category', not '\(fallback)'")
            }
        }
        let category = entry.required("category") ?? ""
        if !category.isEmpty && !categoryIDs.contains(category) {
            entry["category"]?.report(
                "diagnosis '\(id)': unknown category '\(category)'; use one of: \(categoryIDs.sorted().joined(separator: ", "))"
            )
        }
        var evidence: [EvidenceRule] = []
        // A category-level fallback may have no evidence of its own: the vocabulary gives it its evidence.
        let evidenceItems = entry["evidence"]?.items("'evidence'") ?? []
        if evidenceItems.isEmpty && specificity != .category {
            entry.report("diagnosis '\(id)' has no evidence")
        }
        for (number, item) in evidenceItems.enumerated() {
            item.rejectUnknownKeys(["if", "cf"], in: "evidence")
            guard let conditionEntry = item["if"] else {
                item.report("evidence of '\(id)' has no 'if'")
                continue
            }
            guard let certainty = certainty(item) else { continue }
            guard let condition = compiler.compile(conditionEntry) else { continue }
            evidence.append(
                EvidenceRule(
                    id: "\(id)#\(number + 1)", condition: condition, certainty: certainty, location: item.location))
        }
        let remediationIDs = entry.texts("remediation")
        if remediationIDs.isEmpty { entry.report("diagnosis '\(id)' names no remediation") }
        for remediation in remediationIDs where remediations[remediation] == nil {
            (entry["remediation"] ?? entry).report("diagnosis '\(id)': remediation '\(remediation)' is not defined")
        }
        let symptomIDs = Set(symptoms.map(\.id))
        let examples = (entry["examples"]?.items("'examples'") ?? []).compactMap {
            example($0, providerIDs: providerIDs, symptomIDs: symptomIDs)
        }
        return DiagnosisDefinition(
            id: id, category: category, title: entry.required("title") ?? id, summary: entry.required("summary") ?? "",
            evidence: evidence, remediationIDs: remediationIDs, specificity: specificity, examples: examples,
            location: entry.location)
    }

    private func certainty(_ item: YAMLEntry) -> Double? {
        guard let text = item.required("cf") else { return nil }
        guard let value = Double(text), (-1.0...1.0).contains(value) else {
            item["cf"]?.report("cf must be a number from -1 to 1, not '\(text)'")
            return nil
        }
        return value
    }

    private func example(_ item: YAMLEntry, providerIDs: Set<String>, symptomIDs: Set<String>) -> DiagnosisExample? {
        if let text = item.node.text {
            return DiagnosisExample(error: text, provider: nil, symptoms: [], location: item.location)
        }
        item.rejectUnknownKeys(["error", "provider", "symptoms"], in: "an example")
        let provider = item.optional("provider")
        if let provider, !providerIDs.contains(provider) {
            item.report("example names unknown provider '\(provider)'")
        }
        let symptoms = item.texts("symptoms")
        for symptom in symptoms where !symptomIDs.contains(symptom) {
            item.report("example names unknown symptom '\(symptom)'")
        }
        return DiagnosisExample(
            error: item.optional("error"), provider: provider, symptoms: symptoms, location: item.location)
    }

    // MARK: - Remediations

    func buildRemediations(providerIDs: Set<String>, facts: [FactDeclaration]) -> [String: Remediation] {
        let declarations = Dictionary(facts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var remediations: [String: Remediation] = [:]
        for (id, entry) in raw.remediations.all {
            entry.rejectUnknownKeys(
                ["id", "title", "effort", "steps", "applies-to", "commands", "providers"], in: "remediation '\(id)'")
            let effort = entry.integer("effort") ?? 2
            if !(1...5).contains(effort) { entry["effort"]?.report("effort must be from 1 to 5") }
            let whole = entry["applies-to"].map { scope($0, declarations) }
            let (steps, scopes) = steps(entry, scope: whole, declarations)
            if steps.isEmpty { entry.report("remediation '\(id)' has no steps") }
            var perProvider: [String: ProviderRemediation] = [:]
            for (provider, variant) in entry["providers"]?.pairs("'providers'") ?? [] {
                if !providerIDs.contains(provider) {
                    variant.report("remediation '\(id)': unknown provider '\(provider)'")
                }
                variant.rejectUnknownKeys(["steps", "commands"], in: "provider steps")
                perProvider[provider] = ProviderRemediation(
                    steps: variant.texts("steps"), commands: commands(variant))
            }
            remediations[id] = Remediation(
                id: id, title: entry.required("title") ?? id, effort: effort, steps: steps, commands: commands(entry),
                providerSteps: perProvider, scopes: scopes, location: entry.location)
        }
        return remediations
    }

    /// The general steps of a remediation, each a text or `{ step: TEXT, applies-to: { FACT: VALUES } }`, with the
    /// scope of each step that has one (its own, or else the remediation's).
    private func steps(
        _ entry: YAMLEntry, scope whole: StepScope?, _ declarations: [String: FactDeclaration]
    ) -> (steps: [String], scopes: [String: StepScope]) {
        guard let list = entry["steps"] else { return ([], [:]) }
        var steps: [String] = []
        var scopes: [String: StepScope] = [:]
        for item in list.node.text != nil ? [list] : list.items("'steps'") {
            let text: String
            var scope = whole
            if let plain = item.node.text {
                text = plain
            } else {
                item.rejectUnknownKeys(["step", "applies-to"], in: "a step")
                guard let stepText = item.required("step") else { continue }
                text = stepText
                if let own = item["applies-to"] { scope = self.scope(own, declarations) }
            }
            steps.append(text)
            if let scope { scopes[text] = scope }
        }
        return (steps, scopes)
    }

    /// An `applies-to` mapping of declared facts to one value or a list of their values.
    private func scope(_ entry: YAMLEntry, _ declarations: [String: FactDeclaration]) -> StepScope {
        var values: [String: Set<String>] = [:]
        for (name, value) in entry.pairs("'applies-to'") {
            let listed =
                value.node.text.map { [$0] } ?? value.items("the values of '\(name)'").compactMap { $0.text("a value") }
            guard let declaration = declarations[name] else {
                value.report("applies-to: fact '\(name)' is not declared in Rules/facts*.yaml")
                continue
            }
            let known = Set(declaration.values.map { $0.lowercased() })
            for item in listed where declaration.type == .enum && !known.contains(item.lowercased()) {
                value.report("applies-to: '\(item)' is not a value of '\(name)'")
            }
            values[name] = Set(listed)
        }
        if values.isEmpty { entry.report("applies-to names no fact") }
        return StepScope(values: values)
    }

    private func commands(_ entry: YAMLEntry) -> [RemediationCommand] {
        (entry["commands"]?.items("'commands'") ?? []).compactMap { item in
            item.rejectUnknownKeys(["label", "shell", "run"], in: "a command")
            guard let run = item.required("run") else { return nil }
            return RemediationCommand(
                label: item.optional("label") ?? "", shell: item.optional("shell") ?? "sh", run: run)
        }
    }
}

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

    func buildRemediations(providerIDs: Set<String>) -> [String: Remediation] {
        var remediations: [String: Remediation] = [:]
        for (id, entry) in raw.remediations.all {
            entry.rejectUnknownKeys(
                ["id", "title", "effort", "steps", "commands", "providers"], in: "remediation '\(id)'")
            let effort = entry.integer("effort") ?? 2
            if !(1...5).contains(effort) { entry["effort"]?.report("effort must be from 1 to 5") }
            let steps = entry.texts("steps")
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
                providerSteps: perProvider, location: entry.location)
        }
        return remediations
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

extension KnowledgeBaseBuilder {
    // MARK: - Providers

    func buildProvider(_ entry: YAMLEntry) -> ProviderProfile? {
        entry.rejectUnknownKeys(
            ["id", "name", "aliases", "doc", "settings", "limits", "recognise", "codes", "dkim-selectors"],
            in: "a provider")
        guard let id = entry.required("id") else { return nil }
        let settings = (entry["settings"]?.items("'settings'") ?? []).compactMap { item -> ProviderSetting? in
            item.rejectUnknownKeys(["purpose", "host", "port", "tls", "auth", "notes"], in: "a setting")
            guard let host = item.required("host") else { return nil }
            let tls = item.optional("tls")
            if let tls, !["starttls", "implicit", "none"].contains(tls) {
                item["tls"]?.report("tls must be starttls, implicit or none, not '\(tls)'")
            }
            return ProviderSetting(
                purpose: item.optional("purpose") ?? "", host: host, port: item.integer("port"), tls: tls,
                auth: item.texts("auth"), notes: item.optional("notes"))
        }
        let limits = (entry["limits"]?.items("'limits'") ?? []).compactMap { item -> ProviderLimit? in
            item.rejectUnknownKeys(["name", "value", "recommended"], in: "a limit")
            guard let name = item.required("name"), let value = item.required("value") else { return nil }
            return ProviderLimit(name: name, value: value, recommended: item.optional("recommended"))
        }
        let recognise = entry["recognise"]
        recognise?.rejectUnknownKeys(["hosts", "text"], in: "'recognise'")
        let hosts = recognise.map { entry in entry.texts("hosts").compactMap { regex($0, at: entry) } } ?? []
        let text = recognise.map { entry in entry.texts("text").compactMap { regex($0, at: entry) } } ?? []
        let codes = (entry["codes"]?.items("'codes'") ?? []).compactMap { item -> ProviderCode? in
            item.rejectUnknownKeys(["code", "reply", "matches", "meaning", "diagnosis", "cf"], in: "a provider code")
            guard let code = item.required("code"), let diagnosis = item.required("diagnosis") else { return nil }
            return ProviderCode(
                code: code, reply: item.integer("reply"), meaning: item.required("meaning") ?? "",
                diagnosisID: diagnosis)
        }
        return ProviderProfile(
            id: id, name: entry.required("name") ?? id, aliases: entry.texts("aliases").map { $0.lowercased() },
            doc: entry.optional("doc") ?? "", settings: settings,
            limits: limits, hostPatterns: hosts, textPatterns: text, codes: codes, location: entry.location,
            dkimSelectors: entry.texts("dkim-selectors"))
    }

    /// Reports an alias that is not a plain lower-case name or that names two providers (an id counts as a name).
    func checkProviderAliases(_ providers: [ProviderProfile]) {
        var owner = Dictionary(providers.map { ($0.id, $0.id) }, uniquingKeysWith: { first, _ in first })
        for provider in providers {
            guard let entry = raw.providers.entries[provider.id]?["aliases"] else { continue }
            for alias in provider.aliases {
                if alias.isEmpty || alias.contains(where: { $0.isWhitespace }) {
                    entry.report("alias '\(alias)' of provider \(provider.id) must be one word without spaces")
                } else if let other = owner[alias], other != provider.id {
                    entry.report("alias '\(alias)' of provider \(provider.id) already names provider \(other)")
                } else {
                    owner[alias] = provider.id
                }
            }
        }
    }

    /// Each provider code becomes evidence for the diagnosis it names: provider, codes and phrase must agree.
    func attachProviderCodes(
        _ providers: [ProviderProfile], to diagnoses: inout [DiagnosisDefinition], _ compiler: ConditionCompiler
    ) {
        let position = Dictionary(uniqueKeysWithValues: diagnoses.enumerated().map { ($1.id, $0) })
        guard let providerFact = compiler.reference("provider"), let enhanced = compiler.reference("reply.enhanced"),
            let replyCode = compiler.reference("reply.code"), let text = compiler.reference("error.text")
        else { return }
        for provider in providers {
            let items = raw.providers.entries[provider.id]?["codes"]?.items("'codes'") ?? []
            for (code, item) in zip(provider.codes, items) {
                guard let index = position[code.diagnosisID] else {
                    item.report(
                        "provider code \(code.code) names diagnosis '\(code.diagnosisID)', which is not defined")
                    continue
                }
                var parts: [Condition] = [
                    .test(providerFact, .equals(.string(provider.id))),
                    .test(enhanced, .equals(.string(code.code))),
                ]
                if let reply = code.reply { parts.append(.test(replyCode, .equals(.int(reply)))) }
                if let pattern = item.optional("matches"), let expression = regex(pattern, at: item) {
                    parts.append(.test(text, .matches(expression)))
                }
                var certainty = 0.7
                if let text = item.optional("cf") {
                    if let value = Double(text), (-1.0...1.0).contains(value) {
                        certainty = value
                    } else {
                        item["cf"]?.report("cf must be a number from -1 to 1, not '\(text)'")
                    }
                }
                diagnoses[index].evidence.append(
                    EvidenceRule(
                        id: code.evidenceRuleID(providerID: provider.id), condition: .all(parts), certainty: certainty,
                        location: item.location))
            }
        }
    }
}

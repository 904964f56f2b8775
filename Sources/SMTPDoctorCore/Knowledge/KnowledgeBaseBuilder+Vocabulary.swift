extension KnowledgeBaseBuilder {
    // MARK: - Categories' general diagnoses

    /// The general diagnosis of each category that names one, checked to exist, to belong to the category and to be
    /// a category-level fallback.
    func checkGeneralDiagnoses(
        _ categories: [DiagnosisCategory], _ diagnoses: [DiagnosisDefinition]
    ) -> [String: String] {
        let byID = Dictionary(diagnoses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var general: [String: String] = [:]
        for category in categories {
            guard let id = category.generalDiagnosisID else { continue }
            let entry = raw.categories.entries[category.id]
            guard let diagnosis = byID[id] else {
                (entry?["general"] ?? entry)?.report(
                    "category '\(category.id)': general diagnosis '\(id)' is not defined")
                continue
            }
            if diagnosis.category != category.id {
                (entry?["general"] ?? entry)?.report(
                    "category '\(category.id)': general diagnosis '\(id)' belongs to category '\(diagnosis.category)'")
            }
            if diagnosis.specificity != .category {
                (entry?["general"] ?? entry)?.report(
                    "category '\(category.id)': general diagnosis '\(id)' must be marked 'fallback: category'")
            }
            general[category.id] = id
        }
        return general
    }

    // MARK: - Vocabulary

    /// Turns every vocabulary entry into evidence for its diagnosis, or for its category's general diagnosis.
    ///
    /// ```yaml
    /// - id: en.spf-fail
    ///   category: sender-authentication   # or diagnosis: sender-authentication.spf-fail
    ///   cf: 0.45
    ///   terms: ["spf"]                    # any of these, anywhere in the text
    ///   with: ["fail", "not permit"]      # and any of these, before or after (optional)
    ///   without: ["helo"]                 # and none of these anywhere (optional)
    ///   codes: ["X.7.23"]                 # and the enhanced code, of any class; "X.7.32*" is a range (optional)
    /// ```
    ///
    /// Terms become phrases of the one-pass matcher, so a vocabulary of thousands of terms costs one scan of the
    /// text; codes are equality and prefix tests on `reply.enhanced`.
    func attachVocabulary(
        to diagnoses: inout [DiagnosisDefinition], generalDiagnoses: [String: String], _ compiler: ConditionCompiler
    ) {
        let position = Dictionary(diagnoses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let text = compiler.reference("error.text")
        let enhanced = compiler.reference("reply.enhanced")
        var reached = Set<String>()
        defer {
            for diagnosis in diagnoses where diagnosis.specificity == .category && !reached.contains(diagnosis.id) {
                if diagnosis.evidence.isEmpty {
                    log.report(
                        diagnosis.location,
                        "diagnosis '\(diagnosis.id)' has no evidence: no vocabulary entry names its category")
                }
            }
        }
        for (id, entry) in raw.vocabulary.all {
            entry.rejectUnknownKeys(
                ["id", "category", "diagnosis", "cf", "terms", "with", "without", "codes"],
                in: "vocabulary entry '\(id)'")
            guard let target = vocabularyTarget(id, entry, generalDiagnoses), let index = position[target] else {
                if let diagnosis = entry.optional("diagnosis") {
                    entry.report("vocabulary entry '\(id)': diagnosis '\(diagnosis)' is not defined")
                }
                continue
            }
            reached.insert(target)
            guard let certainty = vocabularyCertainty(id, entry) else { continue }
            var parts: [Condition] = []
            for key in ["terms", "with", "without"] where entry[key] != nil {
                let terms = entry.texts(key).map { $0.lowercased() }.filter { !$0.isEmpty }
                guard let text, !terms.isEmpty else {
                    entry.report("vocabulary entry '\(id)': '\(key)' needs at least one term")
                    continue
                }
                let found = Condition.test(text, .contains(terms, ids: terms.map { catalog.id(for: $0) }))
                parts.append(key == "without" ? .not(found) : found)
            }
            if entry["codes"] != nil, let enhanced {
                parts.append(contentsOf: codeTests(id, entry, enhanced))
            }
            if entry["terms"] == nil && entry["codes"] == nil {
                entry.report("vocabulary entry '\(id)' needs 'terms' or 'codes'")
                continue
            }
            if entry["without"] != nil && entry["terms"] == nil {
                entry["without"]?.report("vocabulary entry '\(id)': 'without' needs 'terms' beside it")
                continue
            }
            diagnoses[index].evidence.append(
                EvidenceRule(
                    id: "vocabulary \(id)", condition: parts.count == 1 ? parts[0] : .all(parts),
                    certainty: certainty, isVocabulary: true, location: entry.location))
        }
    }

    private func vocabularyTarget(_ id: String, _ entry: YAMLEntry, _ generalDiagnoses: [String: String]) -> String? {
        switch (entry.optional("category"), entry.optional("diagnosis")) {
        case (let category?, nil):
            guard let general = generalDiagnoses[category] else {
                entry["category"]?.report(
                    "vocabulary entry '\(id)': category '\(category)' has no general diagnosis in categories.yaml")
                return nil
            }
            return general
        case (nil, let diagnosis?):
            return diagnosis
        default:
            entry.report("vocabulary entry '\(id)' needs exactly one of 'category' and 'diagnosis'")
            return nil
        }
    }

    /// Vocabulary is weaker evidence than a rule written for a text: its certainty is above 0 and at most 0.6.
    private func vocabularyCertainty(_ id: String, _ entry: YAMLEntry) -> Double? {
        guard let text = entry.required("cf") else { return nil }
        guard let value = Double(text), value > 0, value <= Self.vocabularyCeiling else {
            entry["cf"]?.report(
                "vocabulary entry '\(id)': cf must be above 0 and at most \(Self.vocabularyCeiling), not '\(text)'")
            return nil
        }
        return value
    }

    /// The highest certainty one vocabulary entry may give.
    static let vocabularyCeiling = 0.6

    /// `X.7.10` holds for 4.7.10 and 5.7.10; `X.7.32*` for every code that begins 4.7.32 or 5.7.32.
    private func codeTests(_ id: String, _ entry: YAMLEntry, _ enhanced: FactReference) -> [Condition] {
        var exact: [FactValue] = []
        var ranges: [Condition] = []
        for code in entry.texts("codes") {
            let isRange = code.hasSuffix("*")
            let body = isRange ? String(code.dropLast()) : code
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "X", parts[1].allSatisfy(\.isNumber), !parts[1].isEmpty,
                parts[2].allSatisfy(\.isNumber), !parts[2].isEmpty
            else {
                entry["codes"]?.report("vocabulary entry '\(id)': code '\(code)' must look like X.7.10 or X.7.32*")
                continue
            }
            for digit in ["4", "5"] {
                let concrete = "\(digit).\(parts[1]).\(parts[2])"
                if isRange {
                    ranges.append(.test(enhanced, .prefix(concrete)))
                } else {
                    exact.append(.string(concrete))
                }
            }
        }
        var tests = ranges
        if !exact.isEmpty { tests.append(.test(enhanced, .oneOf(exact))) }
        return tests.isEmpty ? [] : [tests.count == 1 ? tests[0] : .any(tests)]
    }
}

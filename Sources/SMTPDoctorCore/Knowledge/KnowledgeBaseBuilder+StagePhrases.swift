extension KnowledgeBaseBuilder {
    /// The stage phrases of `stage-phrases.yaml`, in file order; each stage must be a value of `smtp.stage`.
    func buildStagePhrases(_ facts: [FactDeclaration]) -> [StagePhrase] {
        let fact = facts.first { $0.name == "smtp.stage" }
        return raw.stagePhrases.all.compactMap { phrase, entry in
            entry.rejectUnknownKeys(["phrase", "stage", "doc"], in: "stage phrase '\(phrase)'")
            guard let stage = entry.required("stage") else { return nil }
            guard let fact else {
                entry.report("stage phrase '\(phrase)': the fact smtp.stage is not declared")
                return nil
            }
            if fact.type == .enum && !fact.values.contains(stage) {
                entry.report(
                    "stage phrase '\(phrase)': '\(stage)' is not a value of smtp.stage; use one of: "
                        + fact.values.joined(separator: ", "))
                return nil
            }
            guard !phrase.isEmpty, phrase == phrase.lowercased() else {
                entry.report("stage phrase '\(phrase)' must be non-empty lower-case text")
                return nil
            }
            return StagePhrase(phrase: phrase, stage: stage)
        }
    }
}

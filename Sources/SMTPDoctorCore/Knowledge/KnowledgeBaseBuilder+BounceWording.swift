extension KnowledgeBaseBuilder {
    /// The phrases of `bounce-wording.yaml`, in file order, by what they mean.
    func buildBounceWording() -> BounceWording {
        var wording = BounceWording()
        let meanings = BounceWording.Meaning.allCases.map(\.rawValue)
        for (phrase, entry) in raw.bounceWording.all {
            entry.rejectUnknownKeys(["phrase", "means", "doc"], in: "bounce phrase '\(phrase)'")
            guard let means = entry.required("means") else { continue }
            guard let meaning = BounceWording.Meaning(rawValue: means) else {
                entry.report(
                    "bounce phrase '\(phrase)': '\(means)' is not a meaning; use one of: "
                        + meanings.joined(separator: ", "))
                continue
            }
            guard !phrase.isEmpty, phrase == phrase.lowercased() else {
                entry.report("bounce phrase '\(phrase)' must be non-empty lower-case text")
                continue
            }
            switch meaning {
            case .autoReplySubject: wording.autoReplySubjects.append(phrase)
            case .undelivered: wording.undeliveredPhrases.append(phrase)
            case .delayWarning: wording.delayWarningPhrases.append(phrase)
            case .replyQuote: wording.replyQuotePhrases.append(phrase)
            }
        }
        return wording
    }
}

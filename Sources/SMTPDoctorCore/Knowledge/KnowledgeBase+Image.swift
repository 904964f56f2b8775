extension KnowledgeBase {
    /// The knowledge base as an image: every table in its final, checked form (see `KnowledgeImageWriter`).
    ///
    /// The build writes the image of the built-in knowledge base into the program, and `init?(image:)` reads it at
    /// start-up without parsing, checking or compiling anything again. The same knowledge base always gives the
    /// same image.
    public var image: KnowledgeImage {
        var writer = KnowledgeImageWriter()
        writer.int(facts.count)
        for fact in facts { writer.write(fact) }
        writer.int(categories.count)
        for category in categories { writer.write(category) }
        writer.int(symptoms.count)
        for symptom in symptoms { writer.write(symptom) }
        writer.int(providers.count)
        for provider in providers { writer.write(provider) }
        writer.int(rules.count)
        for rule in rules { writer.write(rule) }
        // The diagnoses' evidence is skipped when the image is read, and decoded diagnosis by diagnosis when it is
        // first weighed.
        writer.skippableEntries(diagnoses.count) { $0.write(evidenceOf: diagnoses[$1]) }
        writer.int(diagnoses.count)
        for diagnosis in diagnoses { writer.write(diagnosis) }
        writer.int(questions.count)
        for question in questions { writer.write(question) }
        // The remediations are skipped when the image is read, and decoded one by one when they are looked up.
        let remediations = remediations.keys.sorted().compactMap { id in self.remediations[id].map { (id, $0) } }
        writer.strings(remediations.map { $0.0 })
        writer.skippableEntries(remediations.count) { $0.write(remediations[$1].1) }
        writer.write(codes)
        writer.write(enhancedClasses)
        writer.write(enhancedSubjects)
        writer.write(phraseMatcher)
        writer.int(stagePhrases.count)
        for phrase in stagePhrases {
            writer.string(phrase.phrase)
            writer.string(phrase.stage)
        }
        for list in [
            bounceWording.autoReplySubjects, bounceWording.undeliveredPhrases, bounceWording.delayWarningPhrases,
            bounceWording.replyQuotePhrases,
        ] {
            writer.int(list.count)
            list.forEach { writer.string($0) }
        }
        let weights = sourceWeights.sorted { $0.key.rawValue < $1.key.rawValue }
        writer.int(weights.count)
        for (source, weight) in weights {
            writer.string(source.rawValue)
            writer.double(weight)
        }
        writer.write(scopes)
        return writer.image
    }

    /// Reads an image written by `image`.
    ///
    /// Regular expressions are compiled on first use, as for any checked layer, and remediations decoded on their
    /// first look-up.
    /// - Returns: the knowledge base, or `nil` when the image is damaged or of another version.
    public init?(image: KnowledgeImage) {
        var body = image.body
        let knowledgeBase: KnowledgeBase? = body.withUTF8 { bytes in
            var reader = KnowledgeImageReader(bytes: bytes, stringPages: image.stringPages)
            let facts = reader.list { $0.fact() }
            let categories = reader.list { $0.category() }
            let symptoms = reader.list { $0.symptom() }
            let providers = reader.list { $0.provider() }
            let rules = reader.list { $0.rule() }
            let evidenceEntries = reader.skippedEntries()
            var number = 0
            let diagnoses = reader.list { reader in
                defer { number += 1 }
                return reader.diagnosis(image: image, evidenceEntries: evidenceEntries, number: number)
            }
            let questions = reader.list { $0.question() }
            let remediationIDs = reader.list { $0.string() }
            let remediationStarts = reader.skippedEntries()
            let codes = reader.registry()
            let enhancedClasses = reader.registry()
            let enhancedSubjects = reader.registry()
            let phraseMatcher = reader.phraseMatcher()
            let stagePhrases = reader.list { reader in
                let phrase = reader.string()
                return StagePhrase(phrase: phrase, stage: reader.string())
            }
            let bounceWording = BounceWording(
                autoReplySubjects: reader.list { $0.string() }, undeliveredPhrases: reader.list { $0.string() },
                delayWarningPhrases: reader.list { $0.string() }, replyQuotePhrases: reader.list { $0.string() })
            var sourceWeights: [FactSource.Kind: Double] = [:]
            for _ in 0..<reader.count() where !reader.failed {
                let source = FactSource.Kind(rawValue: reader.string())
                let weight = reader.double()
                if let source { sourceWeights[source] = weight }
            }
            let scopes = reader.scopes(
                factCount: facts.count, ruleCount: rules.count, evidenceCounts: diagnoses.map(\.evidenceCount),
                phraseCount: phraseMatcher.count)
            guard reader.isComplete, remediationStarts.count == remediationIDs.count,
                evidenceEntries.count == diagnoses.count,
                zip(remediationIDs, remediationIDs.dropFirst()).allSatisfy({ $0 < $1 })
            else { return nil }
            let remediations = ImageRemediations(image: image, ids: remediationIDs, starts: remediationStarts)
            return KnowledgeBase(
                facts: facts, categories: categories, symptoms: symptoms, providers: providers, rules: rules,
                diagnoses: diagnoses, questions: questions, remediations: RemediationTable(remediations), codes: codes,
                enhancedClasses: enhancedClasses, enhancedSubjects: enhancedSubjects, phraseMatcher: phraseMatcher,
                stagePhrases: stagePhrases, bounceWording: bounceWording, sourceWeights: sourceWeights, scopes: scopes)
        }
        guard let knowledgeBase else { return nil }
        self = knowledgeBase
    }
}

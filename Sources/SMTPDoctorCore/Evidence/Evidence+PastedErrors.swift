extension Evidence {
    /// The evidence of pasted errors and what the user said on the command line.
    ///
    /// - Parameters:
    ///   - errors: pasted texts; each becomes one observation.
    ///   - provider: a provider id given by the user, if any.
    ///   - symptoms: symptom ids given by the user.
    public init(errors: [String], provider: String? = nil, symptoms: [String] = []) {
        let parser = ErrorTextParser()
        var context: [Fact] = []
        if let provider {
            context.append(Fact("provider", .string(provider), source: FactSource(.option, "--provider")))
        }
        for symptom in symptoms {
            context.append(Fact("symptom.\(symptom)", .bool(true), source: FactSource(.option, "--symptom")))
        }
        let numbered = errors.count > 1
        let observations = errors.enumerated().map { index, text in
            parser.parse(text, source: FactSource(.errorText, numbered ? String(index + 1) : nil))
        }.filter { !$0.facts.isEmpty }
        self.init(context: context, observations: observations)
    }
}

import ArgumentParser
import SMTPDoctorCore

/// `--error`, `--provider` and `--symptom`: what a person tells `diagnose` and `report` about the failure.
struct EvidenceOptions: ParsableArguments {
    @Option(
        name: .customLong("error"),
        help: ArgumentHelp(
            "The error text (repeatable); '-' reads it from standard input (the first 1 MiB). Each text is read up to 65536 characters.",
            valueName: "text"))
    var errors: [String] = []

    @Option(
        help: ArgumentHelp(
            "The mail service in use, if known, by id or alias such as o365 (see 'rules list --kind providers').",
            valueName: "id"),
        completion: KnowledgeCompletion.ids(.providers))
    var provider: String?

    @Option(
        name: .customLong("symptom"),
        help: ArgumentHelp("Something you observe, such as duplicate-messages (repeatable).", valueName: "id"),
        completion: KnowledgeCompletion.ids(.symptoms))
    var symptoms: [String] = []

    /// The provider given, or the configured default.
    var resolvedProvider: String? { provider ?? ConfigDefaults.shared.current.provider }

    /// Whether neither an error nor a symptom was given.
    var isEmpty: Bool { errors.isEmpty && symptoms.isEmpty }

    /// The error texts, with `-` read from standard input; a notice on standard error names each text that is
    /// longer than the parser reads.
    ///
    /// - Throws: `CommandFailure` when standard input cannot be read.
    func texts() async throws -> [String] {
        let errors = self.errors
        // Standard input is read off the cooperative pool; texts given on the command line need no thread.
        let texts =
            errors.contains("-")
            ? try await BlockingWork.run { try errors.map { $0 == "-" ? try Terminal.readStandardInput() : $0 } }
            : errors
        let limit = ErrorTextParser.maximumLength
        for (number, text) in texts.enumerated() where text.utf8.count > limit && text.count > limit {
            Terminal.writeError(
                "smtp-doctor: error text \(number + 1) has \(text.count) characters; only the first \(limit) are read\n"
            )
        }
        return texts
    }

    /// The evidence of the texts, the provider and the symptoms.
    ///
    /// The provider is given by id or alias and passed on by id.
    ///
    /// - Throws: `CommandFailure` naming the nearest or the known ids when the provider or a symptom is unknown.
    func evidence(texts: [String], knowledgeBase: KnowledgeBase) throws -> Evidence {
        var providerID: String?
        if let provider = resolvedProvider {
            guard let profile = knowledgeBase.provider(named: provider) else {
                throw CommandFailure(Self.unknownProviderMessage(provider, knowledgeBase), status: .usage)
            }
            providerID = profile.id
        }
        let known = Set(knowledgeBase.symptoms.map(\.id))
        for symptom in symptoms where !known.contains(symptom) {
            throw CommandFailure(
                "unknown symptom '\(symptom)'; known: \(known.sorted().joined(separator: ", "))", status: .usage)
        }
        return Evidence(errors: texts, provider: providerID, symptoms: symptoms)
    }

    /// "unknown provider 'x'; did you mean …?", or the list of known ids when nothing is near.
    private static func unknownProviderMessage(_ name: String, _ knowledgeBase: KnowledgeBase) -> String {
        let near = knowledgeBase.providerSuggestions(for: name)
        if !near.isEmpty {
            return "unknown provider '\(name)'; did you mean \(near.joined(separator: " or "))?"
                + " ('rules list --kind providers' lists them all)"
        }
        return "unknown provider '\(name)'; known: \(knowledgeBase.providers.map(\.id).joined(separator: ", "))"
    }
}

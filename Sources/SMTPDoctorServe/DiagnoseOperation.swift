import SMTPDoctorCore
import SMTPDoctorReports

/// `diagnose` for the page and the API: error texts and a provider in, the command line's documents out.
struct DiagnoseOperation: Sendable {
    /// The most error texts one request may give.
    static let maximumErrors = 20

    let knowledgeBase: KnowledgeBase
    let toolVersion: String

    /// What the engine concluded, with the support report the downloads are rendered from.
    struct Outcome: Sendable {
        var result: DiagnosisResult
        var report: SupportReport
    }

    /// Diagnoses the texts.
    ///
    /// - Throws: ``ServeFailure`` when no text is given, too many are, or the provider is unknown.
    func run(errors: [String], provider: String?) throws(ServeFailure) -> Outcome {
        let texts = errors.filter { !$0.allSatisfy(\.isWhitespace) }
        guard !texts.isEmpty else {
            throw ServeFailure(.badRequest, "Paste the error text: the reply, bounce or log line you see.")
        }
        guard texts.count <= Self.maximumErrors else {
            throw ServeFailure(.badRequest, "Give at most \(Self.maximumErrors) error texts at once.")
        }
        let providerID = try resolve(provider)
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(errors: texts, provider: providerID))
        let report = SupportReport(
            environment: .current(toolVersion: toolVersion, knowledgeBase: knowledgeBase), errors: texts,
            provider: providerID, result: result)
        return Outcome(result: result, report: report)
    }

    /// The command line's JSON document of the result.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded.
    func json(_ outcome: Outcome) throws(RenderError) -> String {
        try DiagnosisJSONRenderer(toolVersion: toolVersion).render(outcome.result, knowledgeBase: knowledgeBase)
    }

    private func resolve(_ provider: String?) throws(ServeFailure) -> String? {
        guard let provider, !provider.isEmpty else { return nil }
        if let profile = knowledgeBase.provider(named: provider) { return profile.id }
        let near = knowledgeBase.providerSuggestions(for: provider)
        let hint =
            near.isEmpty
            ? "known: " + knowledgeBase.providers.map(\.id).joined(separator: ", ")
            : "did you mean " + near.joined(separator: " or ") + "?"
        throw ServeFailure(.badRequest, "Unknown provider '\(provider.prefix(100))'; \(hint)")
    }
}

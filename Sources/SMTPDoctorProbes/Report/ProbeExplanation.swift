import SMTPDoctorCore

/// What the rules made of one probe run: the verdict and the sentence that says why.
///
/// The probe reports only what happened at which step (``ProbeReport/observation(detail:)``); the words for it are
/// written in `Rules/rules/probe-reasons.yaml` as the text facts `probe.reason` and `probe.reason.preface`, with
/// the observed values (host, port, reply, TLS error) put in by ``FactTemplate``.
public struct ProbeExplanation: Sendable, Hashable {
    /// The verdict, with what the rules derived (a refused envelope that the rules call a relay denial).
    public var verdict: ProbeVerdict
    /// Why, in one or two sentences.
    public var reason: String

    /// Creates an explanation from its parts.
    public init(verdict: ProbeVerdict, reason: String) {
        self.verdict = verdict
        self.reason = reason
    }

    /// Derives the explanation of a run from its facts.
    /// - Parameters:
    ///   - report: the probe's report.
    ///   - engine: the engine whose knowledge base holds the reason rules.
    public init(report: ProbeReport, engine: InferenceEngine) {
        let facts = engine.derivedFacts(of: report.observation())
        let sentences = [ProbeFactName.reasonPreface, .reason].compactMap { name -> String? in
            guard let text = facts.first(where: { $0.name == name.rawValue })?.value.stringValue else { return nil }
            return (try? FactTemplate(parsing: text))?.render(facts: facts) ?? text
        }
        self.init(verdict: report.verdict.refined(by: facts), reason: sentences.joined(separator: " "))
    }
}

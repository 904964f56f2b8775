import SMTPDoctorCore

/// Says how each observation of a domain check stands and in which words, by the rules of
/// `Rules/rules/domain-findings.yaml`.
///
/// An observation is given to the engine with `domain.finding.check` naming its check; the first rule that holds
/// sets `domain.finding.status` and the sentence `domain.finding.text`, a ``FactTemplate`` whose `{fact}` slots are
/// filled from the observation.
public struct DomainFindingWriter: Sendable {
    /// The engine whose knowledge base holds the finding rules.
    public let engine: InferenceEngine

    /// Creates a writer.
    public init(engine: InferenceEngine) {
        self.engine = engine
    }

    /// The finding of one observation, or nil when no rule words it (a rule that holds only for some values, such as a
    /// short MTA-STS max_age, leaves the others without a finding).
    /// - Parameters:
    ///   - observation: what the check saw.
    ///   - domain: the domain checked, the source of the facts.
    public func finding(for observation: DomainObservation, domain: String) -> DomainFinding? {
        let source = FactSource(.dns, domain)
        let facts =
            [Fact(FindingFact.check, .string(observation.check), source: source)]
            + observation.facts.sorted { $0.key < $1.key }.map { Fact($0.key, $0.value, source: source) }
        let derived = engine.derivedFacts(of: Observation(facts: facts))
        func value(_ name: String) -> String? { derived.first { $0.name == name }?.value.stringValue }
        guard let text = value(FindingFact.text),
            let status = value(FindingFact.status).flatMap(DomainFinding.Status.init)
        else { return nil }
        let detail = (try? FactTemplate(parsing: text))?.render(facts: derived) ?? text
        return DomainFinding(check: observation.check, status: status, detail: detail, records: observation.records)
    }

    /// The findings of every observation, in order.
    public func findings(for observations: [DomainObservation], domain: String) -> [DomainFinding] {
        observations.compactMap { finding(for: $0, domain: domain) }
    }

    /// The facts through which the rules and the writer speak.
    private enum FindingFact {
        static let check = "domain.finding.check"
        static let status = "domain.finding.status"
        static let text = "domain.finding.text"
    }
}

import SMTPDoctorCore

/// One thing a domain check saw, before the rules say how it stands and in which words: the check, the facts that
/// describe it (the `domain.*` state and the `domain.finding.*` slots such as the host or the lookup failure) and the
/// DNS records read.
///
/// `Rules/rules/domain-findings.yaml` turns each observation into a ``DomainFinding``.
public struct DomainObservation: Sendable, Hashable {
    /// The check: mx, spf, dmarc, dkim, mta-sts, tls-rpt, dane, ptr, dnsbl.
    public var check: String
    /// The facts the rules read, by declared name.
    public var facts: [String: FactValue]
    /// The DNS records read, as zone-file lines.
    public var records: [String]

    /// Creates an observation.
    public init(check: String, facts: [String: FactValue], records: [String] = []) {
        self.check = check
        self.facts = facts
        self.records = records
    }
}

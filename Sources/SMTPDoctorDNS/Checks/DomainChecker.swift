import SMTPDoctorCore

/// Runs the DNS checks of one domain and gathers their findings and facts.
///
/// Every check turns what DNS says into `domain.*` facts and observations; how each observation stands and the
/// words for it (`Rules/rules/domain-findings.yaml`), and what the facts mean for delivery, are decided by the
/// rules of the knowledge base, not here.
public struct DomainChecker: Sendable {
    /// The resolver every lookup goes through.
    public let resolver: DNSResolver
    /// The address, selectors and blocklists.
    public let options: DomainCheckOptions

    /// Words the findings, by the rules of the knowledge base.
    public let findingWriter: DomainFindingWriter

    /// Creates a checker.
    /// - Parameters:
    ///   - resolver: the resolver every lookup goes through.
    ///   - options: the address, selectors and blocklists.
    ///   - knowledgeBase: the knowledge base whose `domain-findings` rules say how each observation stands.
    public init(resolver: DNSResolver, options: DomainCheckOptions, knowledgeBase: KnowledgeBase) {
        self.resolver = resolver
        self.options = options
        self.findingWriter = DomainFindingWriter(engine: InferenceEngine(knowledgeBase: knowledgeBase))
    }

    /// Checks the domain.
    public func check(_ domain: DNSName) async -> DomainCheckReport {
        var report = DomainCheckReport(domain: domain.description, ip: options.ip?.description)
        await checkMX(domain, into: &report)
        await checkSPF(domain, into: &report)
        await checkDMARC(domain, into: &report)
        await checkDKIM(domain, into: &report)
        await checkMTASTS(domain, into: &report)
        await checkTLSRPT(domain, into: &report)
        await checkDANE(domain, into: &report)
        if let ip = options.ip {
            await checkPTR(ip, into: &report)
            await checkBlocklists(ip, into: &report)
        }
        report.queries = await resolver.queriesSent
        report.findings = findingWriter.findings(for: report.observations, domain: report.domain)
        return report
    }

    /// The observation of a lookup that failed: the name asked and the failure.
    static func lookupFailure(of name: DNSName, _ failure: String) -> [String: FactValue] {
        [
            "domain.finding.observed": .string("lookup-failed"), "domain.finding.name": .string("\(name)"),
            "domain.finding.failure": .string(failure),
        ]
    }
}

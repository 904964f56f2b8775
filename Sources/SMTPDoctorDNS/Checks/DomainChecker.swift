/// Runs the DNS checks of one domain and gathers their findings and facts.
///
/// Every check turns what DNS says into `domain.*` facts and a finding; what the facts mean for delivery is decided
/// by the rules of the knowledge base, not here.
public struct DomainChecker: Sendable {
    /// The resolver every lookup goes through.
    public let resolver: DNSResolver
    /// The address, selectors and blocklists.
    public let options: DomainCheckOptions

    /// Creates a checker.
    public init(resolver: DNSResolver, options: DomainCheckOptions) {
        self.resolver = resolver
        self.options = options
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
        return report
    }
}

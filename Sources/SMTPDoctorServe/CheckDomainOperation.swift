import SMTPDoctorCore
import SMTPDoctorDNS
import SMTPDoctorReports

/// `check-domain` for the page and the API: a domain's mail DNS checked and its findings turned into causes.
struct CheckDomainOperation: Sendable {
    let knowledgeBase: KnowledgeBase
    let toolVersion: String
    /// The DNS server to ask, `host[:port]`; nil for those of `/etc/resolv.conf`.
    let dnsServer: String?

    /// The body of `POST /api/check-domain`, and the fields of the page's form.
    struct Request: Sendable, Decodable {
        var domain: String
        var ip: String?
        var selectors: [String]?
    }

    struct Outcome: Sendable {
        var report: DomainCheckReport
        var result: DiagnosisResult
    }

    /// Checks the domain.
    ///
    /// - Throws: ``ServeFailure`` when the domain, the address or a selector is malformed, or no DNS server is
    ///   configured.
    func run(_ request: Request) async throws(ServeFailure) -> Outcome {
        let name: DNSName
        do {
            name = try DNSName(request.domain.trimmingWhitespace)
        } catch {
            throw ServeFailure(.badRequest, "The domain is not a valid DNS name: \(error)")
        }
        var address: IPAddress?
        if let ip = request.ip?.trimmingWhitespace, !ip.isEmpty {
            guard let parsed = IPAddress(ip) else {
                throw ServeFailure(.badRequest, "The sending server's address must be an IPv4 or IPv6 address.")
            }
            address = parsed
        }
        let selectors = (request.selectors ?? []).map(\.trimmingWhitespace).filter { !$0.isEmpty }
        guard selectors.count <= 10, selectors.allSatisfy({ (try? DNSName($0)) != nil }) else {
            throw ServeFailure(.badRequest, "Give at most 10 DKIM selectors, each a DNS label such as s2048.")
        }
        let configuration: ResolverConfiguration
        do {
            configuration =
                try dnsServer.map { ResolverConfiguration(servers: [try DNSServerAddress(parsing: $0)]) }
                ?? ResolverConfiguration.system()
        } catch {
            throw ServeFailure(.internalServerError, "No DNS server to ask: \(error)")
        }
        let checker = DomainChecker(
            resolver: DNSResolver(configuration: configuration),
            options: DomainCheckOptions(ip: address, selectors: selectors), knowledgeBase: knowledgeBase)
        let report = await checker.check(name)
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(observations: [report.observation()]))
        return Outcome(report: report, result: result)
    }

    /// The command line's JSON document.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded.
    func json(_ outcome: Outcome) throws(RenderError) -> String {
        try DomainCheckRenderer(toolVersion: toolVersion).json(
            outcome.report, result: outcome.result, knowledgeBase: knowledgeBase)
    }

    /// The command line's text, without colour.
    func text(_ outcome: Outcome) -> String {
        DomainCheckRenderer(toolVersion: toolVersion).text(
            outcome.report, result: outcome.result, knowledgeBase: knowledgeBase, style: TextStyle(colour: false))
    }
}

import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorDNS

/// One broken (or good) domain of the test zone, what check-domain must find, and the cause it must rank first.
struct DomainScenario: Sendable, CustomTestStringConvertible {
    var label: String
    var ip: String? = nil
    var selectors: [String] = ["s1"]
    /// A finding that must be there: check and status.
    var finding: (check: String, status: DomainFinding.Status)
    /// The diagnosis ranked first, or nil when nothing may be diagnosed.
    var first: String?
    /// A fact that must hold, such as the provider recognised.
    var fact: (name: String, value: String)? = nil

    var domain: String { "\(label).dnscheck.test" }
    var testDescription: String { "\(domain)\(ip.map { " --ip \($0)" } ?? "") → \(first ?? "nothing")" }

    static let all: [DomainScenario] = [
        .init(label: "good", ip: "192.0.2.25", finding: ("ptr", .ok), first: nil),
        .init(
            label: "good", ip: "192.0.2.25", finding: ("dnsbl", .ok), first: nil, fact: ("domain.spf.result", "pass")),
        .init(label: "nomx", finding: ("mx", .problem), first: "dns.domain-has-no-mail-server"),
        .init(
            label: "absent", finding: ("mx", .problem), first: "dns.domain-has-no-mail-server",
            fact: ("domain.mx", "nxdomain")),
        .init(label: "nullmx", finding: ("mx", .info), first: "dns.domain-null-mx"),
        .init(label: "mxcname", finding: ("mx", .warning), first: "dns.domain-mx-host-unresolvable"),
        .init(label: "mxdangling", finding: ("mx", .problem), first: "dns.domain-mx-host-unresolvable"),
        .init(label: "mxliteral", finding: ("mx", .problem), first: "dns.domain-mx-host-unresolvable"),
        .init(label: "mxloop", finding: ("mx", .problem), first: "dns.domain-mx-host-unresolvable"),
        .init(label: "spfnone", finding: ("spf", .problem), first: "sender-authentication.domain-spf-missing"),
        .init(
            label: "spftwo", finding: ("spf", .problem), first: "sender-authentication.domain-spf-broken",
            fact: ("domain.spf", "multiple")),
        .init(
            label: "spfsyntax", finding: ("spf", .problem), first: "sender-authentication.domain-spf-broken",
            fact: ("domain.spf", "syntax-error")),
        .init(label: "spfbadmech", finding: ("spf", .problem), first: "sender-authentication.domain-spf-broken"),
        .init(
            label: "spf11", finding: ("spf", .problem), first: "sender-authentication.domain-spf-too-many-lookups",
            fact: ("domain.spf.lookups", "11")),
        .init(
            label: "spf11", ip: "198.51.100.11", finding: ("spf", .problem),
            first: "sender-authentication.domain-spf-too-many-lookups", fact: ("domain.spf.result", "permerror")),
        .init(
            label: "spfvoid", finding: ("spf", .problem), first: "sender-authentication.domain-spf-too-many-lookups",
            fact: ("domain.spf", "too-many-void-lookups")),
        .init(
            label: "spfloop", finding: ("spf", .problem), first: "sender-authentication.domain-spf-broken",
            fact: ("domain.spf", "include-loop")),
        .init(
            label: "spfincmissing", finding: ("spf", .problem), first: "sender-authentication.domain-spf-broken",
            fact: ("domain.spf", "include-missing")),
        .init(
            label: "spfplusall", finding: ("spf", .warning), first: "sender-authentication.domain-spf-permissive-all"),
        .init(
            label: "spfnoall", finding: ("spf", .warning), first: "sender-authentication.domain-spf-permissive-all",
            fact: ("domain.spf.all", "missing")),
        .init(
            label: "spfredirect", ip: "192.0.2.25", finding: ("spf", .ok), first: nil,
            fact: ("domain.spf.result", "pass")),
        .init(
            label: "spfredirect", ip: "198.51.100.20", finding: ("spf", .problem),
            first: "sender-authentication.domain-spf-ip-not-authorised", fact: ("domain.spf.result", "fail")),
        .init(
            label: "spfinclude", ip: "198.51.100.21", finding: ("spf", .problem),
            first: "sender-authentication.domain-spf-ip-not-authorised", fact: ("domain.spf.result", "softfail")),
        .init(
            label: "good", ip: "198.51.100.22", finding: ("spf", .problem),
            first: "sender-authentication.domain-spf-ip-not-authorised", fact: ("domain.spf.result", "fail")),
        .init(
            label: "dmarcnone", finding: ("dmarc", .warning),
            first: "sender-authentication.domain-dmarc-monitoring-only"),
        .init(label: "dmarcbad", finding: ("dmarc", .problem), first: "sender-authentication.domain-dmarc-invalid"),
        .init(label: "dmarcmissing", finding: ("dmarc", .problem), first: "sender-authentication.domain-dmarc-missing"),
        .init(
            label: "dmarcext", finding: ("dmarc", .problem),
            first: "sender-authentication.domain-dmarc-reports-unauthorised"),
        .init(
            label: "dmarcextok", finding: ("dmarc", .ok), first: nil, fact: ("domain.dmarc.external-unauthorised", "no")
        ),
        .init(label: "dkimmissing", finding: ("dkim", .problem), first: "sender-authentication.domain-dkim-missing"),
        .init(label: "dkimrevoked", finding: ("dkim", .problem), first: "sender-authentication.domain-dkim-revoked"),
        .init(
            label: "dkim512", finding: ("dkim", .problem), first: "sender-authentication.domain-dkim-weak-key",
            fact: ("domain.dkim.bits", "512")),
        .init(label: "dkimtesting", finding: ("dkim", .warning), first: "sender-authentication.domain-dkim-testing"),
        .init(
            label: "dkimmissing", selectors: [], finding: ("dkim", .warning),
            first: "sender-authentication.domain-dkim-missing", fact: ("domain.dkim", "not-found")),
        .init(label: "good", ip: "192.0.2.99", finding: ("ptr", .problem), first: "reputation.domain-ptr-missing"),
        .init(
            label: "good", ip: "192.0.2.98", finding: ("ptr", .problem), first: "reputation.domain-ptr-not-confirmed"),
        .init(label: "good", ip: "192.0.2.66", finding: ("dnsbl", .problem), first: "reputation.domain-ip-blocklisted"),
        .init(
            label: "good", ip: "192.0.2.67", finding: ("dnsbl", .error), first: "reputation.domain-ptr-not-confirmed",
            fact: ("domain.dnsbl", "refused")),
        .init(
            label: "m365", finding: ("mx", .problem), first: "dns.domain-mx-host-unresolvable",
            fact: ("provider", "microsoft-365")),
        .init(label: "stsgood", finding: ("mta-sts", .ok), first: nil, fact: ("domain.mta-sts.mode", "enforce")),
        .init(label: "stsgood", finding: ("tls-rpt", .ok), first: nil, fact: ("domain.tls-rpt", "ok")),
        .init(
            label: "stsenforce", finding: ("mta-sts", .problem), first: "tls.domain-mta-sts-mx-not-in-policy",
            fact: ("domain.mta-sts.mx-unmatched", "1")),
        .init(
            label: "stsbadcert", finding: ("mta-sts", .problem), first: "tls.domain-mta-sts-certificate-invalid",
            fact: ("domain.mta-sts", "certificate-invalid")),
        .init(
            label: "stsnopolicy", finding: ("mta-sts", .problem), first: "tls.domain-mta-sts-policy-broken",
            fact: ("domain.mta-sts", "policy-unavailable")),
        .init(
            label: "good", finding: ("mta-sts", .info), first: nil, fact: ("domain.mta-sts", "none")),
        .init(label: "tlsrptbad", finding: ("tls-rpt", .problem), first: "tls.domain-tls-rpt-invalid"),
        .init(
            label: "danebad", finding: ("dane", .problem), first: "tls.domain-dane-tlsa-mismatch",
            fact: ("domain.dane.dnssec", "not-validated")),
        .init(label: "good", finding: ("dane", .info), first: nil, fact: ("domain.dane", "none")),
    ]
}

/// check-domain against the real authoritative server of scripts/dns-server/start.sh: findings and first cause.
@Suite(.serialized) struct DomainScenarioTests {
    @Test(arguments: DomainScenario.all)
    func scenarioFindsAndRanks(_ scenario: DomainScenario) async throws {
        guard await TestDNSServer.isAvailable() else { return }
        let servers = try await TransportTestServers.shared()
        let options = servers.options(
            DomainCheckOptions(
                ip: scenario.ip.flatMap(IPAddress.init), selectors: scenario.selectors,
                commonSelectors: ["selector1", "s1"], blocklists: ["bl.dnscheck.test"]))
        let knowledgeBase = try KnowledgeBase.load([.builtIn])
        let checker = DomainChecker(
            resolver: DNSResolver(configuration: TestDNSServer.configuration), options: options,
            knowledgeBase: knowledgeBase)
        let report = await checker.check(try DNSName(scenario.domain))
        let summary = report.findings.map { "\($0.check) \($0.status.rawValue): \($0.detail)" }.joined(separator: "\n")
        #expect(
            report.findings.contains { $0.check == scenario.finding.check && $0.status == scenario.finding.status },
            "no \(scenario.finding.check) \(scenario.finding.status) finding in:\n\(summary)")

        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(observations: [report.observation()]))
        #expect(result.diagnoses.first?.definition.id == scenario.first, "findings:\n\(summary)")
        if let fact = scenario.fact {
            #expect(
                result.facts.contains { $0.name == fact.name && $0.value.description == fact.value },
                "\(fact.name) is not \(fact.value): \(result.facts.filter { $0.name == fact.name }.map(\.value))")
        }
    }

    @Test func tcpTransportReadsALengthPrefixedAnswer() async throws {
        guard await TestDNSServer.isAvailable() else { return }
        // The real server over TCP: two-byte length prefix, then the message with the 2048-bit key.
        let name = try DNSName("s1._domainkey.good.dnscheck.test")
        let transport = NIODNSTransport()
        let viaTCP = try await transport.exchange(
            DNSMessage.query(id: 7, name: name, type: .txt), with: TestDNSServer.address, overTCP: true,
            timeout: .seconds(60))
        let message = try DNSMessageDecoder.decode(viaTCP)
        #expect(message.answers.first?.text?.hasPrefix("v=DKIM1") == true)
    }
}

import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorDNS

/// `--domain` and the DNS check options on `diagnose` and `report`: the domain's DNS findings become evidence.
struct DomainEvidenceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also check this domain's mail DNS (as check-domain does).", valueName: "domain"))
    var domain: String?

    @OptionGroup var dns: DomainCheckArguments

    /// The findings and facts of the domain's DNS checks, or nil when no `--domain` was given.
    ///
    /// - Throws: `CommandFailure` when the domain or the DNS server cannot be used.
    func report(knowledgeBase: KnowledgeBase) async throws -> DomainCheckReport? {
        guard let domain else { return nil }
        return try await dns.check(domain, knowledgeBase: knowledgeBase)
    }
}

import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorDNS
import SMTPDoctorReports

extension SMTPDoctor {
    /// `smtp-doctor check-domain`: checks a domain's mail DNS and turns the findings into ranked causes.
    struct CheckDomain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-domain",
            abstract:
                "Check a domain's mail DNS: MX, SPF, DMARC, DKIM, MTA-STS, TLS-RPT, DANE, and reverse DNS and blocklists for --ip.",
            discussion: """
                Looks the domain up through the DNS servers of /etc/resolv.conf (or --dns-server), reports what \
                each check found with the records it read, and ranks the causes those findings point to.

                MTA-STS policies are fetched from https://mta-sts.<domain> with the certificate validated against \
                the system's trust roots (and --mta-sts-ca). For MX hosts with TLSA records, the certificate is \
                fetched with STARTTLS on port 25 and compared with them; the DNSSEC status is the AD bit of the \
                DNS server's answer (a server that does not validate never sets it).

                EXAMPLES:
                  smtp-doctor check-domain example.com
                  smtp-doctor check-domain example.com --ip 192.0.2.10 --selector s2048
                  smtp-doctor check-domain example.com --dns-server 10.0.0.53 --format json
                  smtp-doctor check-domain example.com --format html --output example.html

                EXIT CODES:
                \(ExitStatus.table(ExitStatus.common, success: "the domain was checked"))
                """)

        @Argument(help: ArgumentHelp("The domain to check.", valueName: "domain"))
        var domain: String

        @OptionGroup var dns: DomainCheckArguments

        @OptionGroup var output: OutputOptions<DomainCheckDocuments>

        @OptionGroup var knowledge: KnowledgeOptions

        func run() async throws {
            try await reportingFailures {
                let knowledgeBase = try knowledge.load()
                let report = try await dns.check(domain, knowledgeBase: knowledgeBase)
                let evidence = Evidence(observations: [report.observation()])
                let result = InferenceEngine(knowledgeBase: knowledgeBase, threshold: output.minConfidence).diagnose(
                    evidence)
                try await output.emit(
                    DomainCheckResultReport(
                        findings: report, result: result, knowledgeBase: knowledgeBase,
                        environment: .current(toolVersion: ToolVersion.current, knowledgeBase: knowledgeBase)))
            }
        }
    }
}

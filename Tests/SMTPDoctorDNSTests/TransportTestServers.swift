import SMTPDoctorDNS
import SMTPTestServer

/// The servers the transport-security scenarios talk to, started once for the test run: an HTTPS server for the
/// MTA-STS policies and an SMTP server with STARTTLS standing in for MX hosts with TLSA records. Their
/// certificates are made now by a test CA; the policy host of `stsbadcert` is deliberately not among the names
/// (the certificate does name 127.0.0.1, which must not be enough).
struct TransportTestServers: Sendable {
    /// The CA that signed both certificates, in PEM (what `--mta-sts-ca` would be given).
    var authorityPEM: String
    /// The HTTPS port of the policy server.
    var policyPort: Int
    /// The SMTP port of the STARTTLS server.
    var smtpPort: Int
    /// The SMTP server's certificate in PEM.
    var smtpCertificatePEM: String

    /// The policy files served, by host name.
    static let policies = [
        "mta-sts.stsgood.dnscheck.test":
            "version: STSv1\r\nmode: enforce\r\nmx: *.good.dnscheck.test\r\nmax_age: 1209600\r\n",
        "mta-sts.stsenforce.dnscheck.test":
            "version: STSv1\r\nmode: enforce\r\nmx: mail.elsewhere.dnscheck.test\r\nmax_age: 1209600\r\n",
        "mta-sts.stsbadcert.dnscheck.test":
            "version: STSv1\r\nmode: enforce\r\nmx: *.good.dnscheck.test\r\nmax_age: 86400\r\n",
    ]

    /// The servers, started on first use.
    static func shared() async throws -> TransportTestServers { try await started.value }

    private static let started = Task {
        let authority = try TestCertificates.authority()
        let policyIdentity = try TestCertificates.server(
            names: [
                "mta-sts.stsgood.dnscheck.test", "mta-sts.stsenforce.dnscheck.test",
                "mta-sts.stsnopolicy.dnscheck.test",
            ], signedBy: authority)
        let policyServer = try await PolicyTestServer.start(identity: policyIdentity, policies: policies)
        let smtpIdentity = try TestCertificates.server(names: ["mx.danebad.dnscheck.test"], signedBy: authority)
        var script = SMTPTestServerScript()
        script.tls = .starttls(smtpIdentity)
        let smtpServer = try await SMTPTestServer.start(script)
        return TransportTestServers(
            authorityPEM: authority.certificatePEM, policyPort: policyServer.port, smtpPort: smtpServer.port,
            smtpCertificatePEM: smtpIdentity.certificateChainPEM[0])
    }

    /// Check options that reach these servers: the policy port and the SMTP port, the test CA trusted.
    func options(_ base: DomainCheckOptions) -> DomainCheckOptions {
        var options = base
        options.policyFetch = PolicyFetchConfiguration(
            additionalTrustRootsPEM: authorityPEM, port: policyPort, timeout: .seconds(30))
        options.mxCertificates = MXCertificateFetcher(port: smtpPort, timeout: .seconds(30))
        return options
    }
}

import Testing

@testable import SMTPDoctorDNS

/// The HTTPS client against the test policy server: the certificate is validated by trust and by name.
@Suite struct HTTPSPolicyFetcherTests {
    private static var loopback: IPAddress { get throws { try #require(IPAddress("127.0.0.1")) } }
    /// The fetcher's deadline is not what these tests are about: generous, so a busy machine cannot trip it.
    private static let patient = Duration.seconds(120)

    @Test func fetchesThePolicyWhenTheCAIsTrusted() async throws {
        let servers = try await TransportTestServers.shared()
        let fetcher = HTTPSPolicyFetcher(
            configuration: .init(
                additionalTrustRootsPEM: servers.authorityPEM, port: servers.policyPort, timeout: Self.patient))
        let outcome = try await fetcher.fetch(host: "mta-sts.stsgood.dnscheck.test", address: Self.loopback)
        guard case .response(200, let body) = outcome else {
            Issue.record("no policy: \(outcome)")
            return
        }
        #expect(MTASTSPolicy(parsing: body).mode == .enforce)
    }

    @Test func refusesACertificateFromAnUntrustedCA() async throws {
        let servers = try await TransportTestServers.shared()
        let fetcher = HTTPSPolicyFetcher(configuration: .init(port: servers.policyPort, timeout: Self.patient))
        let outcome = try await fetcher.fetch(host: "mta-sts.stsgood.dnscheck.test", address: Self.loopback)
        guard case .certificateRejected = outcome else {
            Issue.record("a certificate of an untrusted CA was accepted: \(outcome)")
            return
        }
    }

    @Test func refusesACertificateForAnotherName() async throws {
        let servers = try await TransportTestServers.shared()
        let fetcher = HTTPSPolicyFetcher(
            configuration: .init(
                additionalTrustRootsPEM: servers.authorityPEM, port: servers.policyPort, timeout: Self.patient))
        let outcome = try await fetcher.fetch(host: "mta-sts.stsbadcert.dnscheck.test", address: Self.loopback)
        guard case .certificateRejected = outcome else {
            Issue.record("a certificate for other names was accepted: \(outcome)")
            return
        }
    }

    @Test func refusesAResponseLargerThanTheLimit() async throws {
        let servers = try await TransportTestServers.shared()
        let fetcher = HTTPSPolicyFetcher(
            configuration: .init(
                additionalTrustRootsPEM: servers.authorityPEM, port: servers.policyPort, timeout: Self.patient,
                maximumBytes: 10))
        let outcome = try await fetcher.fetch(host: "mta-sts.stsgood.dnscheck.test", address: Self.loopback)
        guard case .failed = outcome else {
            Issue.record("a policy over 10 bytes was accepted: \(outcome)")
            return
        }
    }
}

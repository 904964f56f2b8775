import SMTPDoctorProbes
import SMTPTestServer
import Testing

/// When a probe without credentials shows that a password could be tried safely on the port — the interview's
/// condition for offering its sign-in test — and when it does not.
@Suite(ProbeHarness.manualClockLimit) struct ProbeSignInSafetyTests {
    typealias Script = SMTPTestServerScript

    private func probe(_ script: Script) async throws -> ProbeReport {
        try await ProbeHarness.run(script).report
    }

    @Test func authOverSTARTTLSWithAVerifiedCertificateIsSafe() async throws {
        var script = Script()
        script.tls = .starttls(try ProbeHarness.goodIdentity())
        #expect(try await probe(script).acceptsCredentialsSafely)
    }

    @Test func authOverImplicitTLSWithAVerifiedCertificateIsSafe() async throws {
        var script = Script()
        script.tls = .implicit(try ProbeHarness.goodIdentity())
        let report = try await withSMTPTestServer(script) { server in
            await SMTPProbe(ProbeHarness.configuration(port: server.port, tls: .implicit)).run()
        }
        #expect(report.acceptsCredentialsSafely)
    }

    @Test func authWithoutEncryptionIsNotSafe() async throws {
        var script = Script()
        script.offerAuthBeforeTLS = true
        let report = try await probe(script)
        #expect(report.session.currentCapabilities?.offersAuth == true)
        #expect(!report.acceptsCredentialsSafely)
    }

    @Test func aSelfSignedCertificateIsNotSafe() async throws {
        var script = Script()
        script.tls = .starttls(try TestCertificates.server(signedBy: nil))
        #expect(!(try await probe(script).acceptsCredentialsSafely))
    }

    @Test func aCertificateForAnotherHostIsNotSafe() async throws {
        var script = Script()
        script.tls = .starttls(
            try TestCertificates.server(
                names: ["mail.example.org"], addresses: [], signedBy: try #require(ProbeHarness.ca)))
        #expect(!(try await probe(script).acceptsCredentialsSafely))
    }

    @Test func noAuthAfterTLSIsNothingToTry() async throws {
        var script = Script()
        script.tls = .starttls(try ProbeHarness.goodIdentity())
        script.authMechanisms = []
        let report = try await probe(script)
        #expect(report.session.tlsActive)
        #expect(!report.acceptsCredentialsSafely)
    }
}

import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes
import SMTPTestServer
import Testing

/// Scenarios against the fault-injecting test server: each asserts the verdict and the first diagnosis the real
/// engine draws from the probe's facts with the knowledge base in `Rules/`.
@Suite(ProbeHarness.manualClockLimit) struct ProbeScenarioTests {
    typealias Script = SMTPTestServerScript

    private func expect(
        _ outcome: ProbeHarness.Outcome, _ verdict: ProbeVerdict, _ diagnosis: String?,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(outcome.verdict == verdict, "\(outcome.explanation)", sourceLocation: sourceLocation)
        #expect(outcome.firstDiagnosis == diagnosis, "\(outcome.explanation)", sourceLocation: sourceLocation)
    }

    private func starttlsServer() throws -> Script {
        var script = Script()
        script.tls = .starttls(try ProbeHarness.goodIdentity())
        return script
    }

    // MARK: - Success

    @Test func starttlsWithPlainAuthSucceeds() async throws {
        let outcome = try await ProbeHarness.run(try starttlsServer()) {
            $0.credentials = Credentials(username: "user", secret: Secret("secret"))
        }
        expect(outcome, .success, nil)
        #expect(outcome.report.session.authMechanism == .plain)
        #expect(outcome.report.tlsVersion == "TLSv1.3")
    }

    @Test func implicitTLSWithLoginAuthSucceeds() async throws {
        var script = Script()
        script.tls = .implicit(try ProbeHarness.goodIdentity())
        let outcome = try await ProbeHarness.run(script) {
            $0.tlsMode = .implicit
            $0.credentials = Credentials(username: "user", secret: Secret("secret"), mechanism: .login)
        }
        expect(outcome, .success, nil)
        #expect(outcome.report.session.authOutcome == .accepted)
    }

    @Test func heloFallbackWhenEHLOIsRefused() async throws {
        var script = Script()
        script.rejectEHLO = true
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .success, nil)
        #expect(outcome.report.session.usedHELO)
    }

    @Test func authenticatedRelayAndTestMessageAreAccepted() async throws {
        let outcome = try await ProbeHarness.run(try starttlsServer()) {
            $0.credentials = Credentials(username: "user", secret: Secret("secret"))
            $0.envelope = Envelope(from: "app@example.com", to: "someone@example.org")
            $0.sendTestMessage = true
        }
        expect(outcome, .success, nil)
        #expect(outcome.report.session.messageReply?.code == 250)
    }

    @Test func aTestMessageListsEachEnvelopeStepOnce() async throws {
        let outcome = try await ProbeHarness.run(try starttlsServer()) {
            $0.credentials = Credentials(username: "user", secret: Secret("secret"))
            $0.envelope = Envelope(from: "app@example.com", to: "someone@example.org")
            $0.sendTestMessage = true
        }
        let kinds = outcome.report.steps.map(\.kind)
        for kind in [ProbeStepKind.mailFrom, .rcptTo, .data, .message] {
            #expect(kinds.filter { $0 == kind }.count == 1, "\(kind.rawValue) in \(kinds.map(\.rawValue))")
        }
    }

    // MARK: - Authentication

    @Test func wrongPasswordIsBadCredentials() async throws {
        let outcome = try await ProbeHarness.run(try starttlsServer()) {
            $0.credentials = Credentials(username: "user", secret: Secret("wrong"))
        }
        expect(outcome, .authenticationFailed, "auth.bad-credentials")
    }

    @Test func appPasswordRequiredReply() async throws {
        var script = try starttlsServer()
        script.auth = .reply(
            534,
            "5.7.9 Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor"
        )
        let outcome = try await ProbeHarness.run(script) {
            $0.credentials = Credentials(username: "user", secret: Secret("pw"))
        }
        expect(outcome, .authenticationFailed, "auth.app-password-required")
    }

    @Test func basicAuthDisabledReply() async throws {
        var script = try starttlsServer()
        script.auth = .reply(
            535,
            "5.7.139 Authentication unsuccessful, basic authentication is disabled. [BN0PR04CA0001.namprd04.prod.outlook.com]"
        )
        let outcome = try await ProbeHarness.run(script) {
            $0.credentials = Credentials(username: "user", secret: Secret("pw"))
        }
        expect(outcome, .authenticationFailed, "auth.basic-auth-disabled")
    }

    @Test func encryptionRequiredReply() async throws {
        var script = Script()
        script.offerAuthBeforeTLS = true
        let outcome = try await ProbeHarness.run(script) {
            $0.tlsMode = .none
            $0.allowPlaintextAuth = true
            $0.credentials = Credentials(username: "user", secret: Secret("pw"))
        }
        expect(outcome, .authenticationFailed, "auth.encryption-required")
    }

    @Test func temporaryAuthFailure() async throws {
        var script = try starttlsServer()
        script.auth = .reply(454, "4.7.0 Temporary authentication failure")
        let outcome = try await ProbeHarness.run(script) {
            $0.credentials = Credentials(username: "user", secret: Secret("pw"))
        }
        expect(outcome, .authenticationFailed, "auth.temporary-failure")
    }

    @Test func authNotOfferedEvenAfterTLS() async throws {
        var script = try starttlsServer()
        script.authMechanisms = []
        let outcome = try await ProbeHarness.run(script) {
            $0.credentials = Credentials(username: "user", secret: Secret("pw"))
        }
        expect(outcome, .authenticationFailed, "auth.auth-not-offered")
    }

    @Test func authOfferedOnlyAfterStartTLS() async throws {
        let outcome = try await ProbeHarness.run(try starttlsServer()) {
            $0.tlsMode = .none
            $0.allowPlaintextAuth = true
            $0.credentials = Credentials(username: "user", secret: Secret("pw"))
        }
        expect(outcome, .authenticationFailed, "auth.offered-only-after-starttls")
    }

    @Test func credentialsWithheldWithoutTLS() async throws {
        var script = Script()
        script.offerAuthBeforeTLS = true
        let outcome = try await ProbeHarness.run(script) {
            $0.credentials = Credentials(username: "user", secret: Secret("pw"))
        }
        expect(outcome, .authenticationFailed, "auth.credentials-withheld-without-tls")
        #expect(!outcome.received.contains { $0.line.uppercased().hasPrefix("AUTH") })
    }

    @Test func onlyXOAUTH2OfferedIsMechanismUnsupported() async throws {
        var script = try starttlsServer()
        script.authMechanisms = ["XOAUTH2"]
        let outcome = try await ProbeHarness.run(script) {
            $0.credentials = Credentials(username: "user", secret: Secret("pw"))
        }
        expect(outcome, .authenticationFailed, "auth.mechanism-unsupported")
    }

    // MARK: - TLS

    @Test func starttlsNotOffered() async throws {
        let outcome = try await ProbeHarness.run(Script()) { $0.tlsMode = .starttls }
        expect(outcome, .tlsError, "tls.starttls-not-offered")
    }

    @Test func starttlsRefusedByServer() async throws {
        var script = try starttlsServer()
        script.startTLSReply = (454, "4.7.0 TLS not available due to local problem")
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .tlsError, "tls.starttls-unavailable-on-server")
    }

    @Test func selfSignedCertificate() async throws {
        var script = Script()
        script.tls = .starttls(try TestCertificates.server(signedBy: nil))
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .tlsError, "tls.self-signed-certificate")
        #expect(outcome.report.certificate?.chain.first?.selfSigned == true)
    }

    @Test func expiredCertificate() async throws {
        var script = Script()
        script.tls = .starttls(
            try TestCertificates.server(
                signedBy: try #require(ProbeHarness.ca), validFrom: -86_400 * 30, validFor: 86_400 * 10))
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .tlsError, "tls.expired-certificate")
    }

    @Test func certificateForAnotherHost() async throws {
        var script = Script()
        script.tls = .starttls(
            try TestCertificates.server(
                names: ["mail.other.example"], addresses: [], signedBy: try #require(ProbeHarness.ca)))
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .tlsError, "tls.hostname-mismatch")
    }

    @Test func certificateFromUnknownAuthority() async throws {
        var script = Script()
        script.tls = .starttls(try TestCertificates.server(signedBy: try TestCertificates.authority(name: "Other CA")))
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .tlsError, "tls.untrusted-certificate")
    }

    @Test func certificateNotYetValid() async throws {
        var script = Script()
        script.tls = .starttls(
            try TestCertificates.server(signedBy: try #require(ProbeHarness.ca), validFrom: 86_400 * 2))
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .tlsError, "tls.certificate-not-yet-valid")
    }

    @Test func serverWithOnlyTLS11() async throws {
        var script = try starttlsServer()
        script.maximumTLSVersion = .tls11
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .tlsError, "tls.protocol-version-mismatch")
    }

    @Test func implicitTLSAgainstStartTLSPort() async throws {
        let outcome = try await ProbeHarness.run(try starttlsServer()) { $0.tlsMode = .implicit }
        expect(outcome, .tlsError, "tls.probe-port-mode-mismatch")
        #expect(outcome.report.modeMismatch == .plaintextAnsweredTLS)
    }

    @Test func startTLSAgainstImplicitPort() async throws {
        // The port waits for a TLS hello, so the plaintext greeting never comes: its timeout runs out on the manual
        // clock, and the check of implicit TLS that follows completes its handshake.
        var script = Script()
        script.tls = .implicit(try ProbeHarness.goodIdentity())
        let outcome = try await ProbeHarness.runTimingOut(script) {
            $0.tlsMode = .starttls
            $0.timeouts.greeting = ProbeHarness.subjectTimeout
        }
        expect(outcome, .tlsError, "tls.probe-port-mode-mismatch")
        #expect(outcome.report.modeMismatch == .tlsAnsweredPlaintext)
    }

    // MARK: - Greeting, timeouts and hostile servers

    @Test func greetingRefusedWith554() async throws {
        var script = Script()
        script.greeting = .reply(
            554, "5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org")
        let outcome = try await ProbeHarness.run(script)
        #expect(outcome.verdict == .rejected, "\(outcome.explanation)")
        #expect(outcome.firstDiagnosis?.hasPrefix("reputation.") == true, "\(outcome.explanation)")
    }

    @Test func greetingBusyWith421() async throws {
        var script = Script()
        script.greeting = .reply(421, "4.3.2 Service not available, closing transmission channel")
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .rejected, "connection.service-unavailable")
    }

    @Test func silentServerTripsTheGreetingTimeout() async throws {
        var script = Script()
        script.greeting = .silent
        let outcome = try await ProbeHarness.runTimingOut(script) {
            $0.checkModeMismatch = false
            $0.timeouts.greeting = ProbeHarness.subjectTimeout
        }
        expect(outcome, .timeout, "connection.greeting-timeout")
        #expect(outcome.report.session.stop == .timeout(.greeting))
    }

    @Test func slowEHLOTripsTheCommandTimeout() async throws {
        var script = Script()
        script.unanswered = ["EHLO"]
        let outcome = try await ProbeHarness.runTimingOut(script) { $0.timeouts.command = ProbeHarness.subjectTimeout }
        expect(outcome, .timeout, "connection.read-timeout")
        #expect(outcome.report.session.stop == .timeout(.ehlo))
    }

    @Test func slowAuthTripsTheCommandTimeout() async throws {
        // EHLO and STARTTLS have the same command timeout: the clock moves only once the probe waits after AUTH.
        var script = try starttlsServer()
        script.unanswered = ["AUTH"]
        let outcome = try await ProbeHarness.runTimingOut(
            script, after: { steps in steps.last?.kind == .ehloAfterTLS }
        ) {
            $0.timeouts.command = ProbeHarness.subjectTimeout
            $0.credentials = Credentials(username: "user", secret: Secret("secret"))
        }
        expect(outcome, .timeout, "connection.read-timeout")
        #expect(outcome.report.session.stop == .timeout(.auth))
    }

    @Test func abruptCloseAfterEHLO() async throws {
        var script = Script()
        script.closeOn = "EHLO"
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .connectionFailed, "connection.closed-by-server")
    }

    /// The server gives up on the client before its first command and says so: the probe reports the server's
    /// reason, not the write that found the connection closed.
    @Test func lastWordsBeforeAHangUpAreTheAnswer() async throws {
        var script = Script()
        script.hangUpAfterGreeting = (421, "4.4.2 test.localhost Error: timeout exceeded")
        let outcome = try await ProbeHarness.run(script) { $0.checkModeMismatch = false }
        let ehlo = try #require(outcome.report.steps.first { $0.kind == .ehlo }, "\(outcome.explanation)")
        #expect(ehlo.outcome == .failed)
        #expect(ehlo.detail.hasPrefix("421 4.4.2"), "\(outcome.explanation)")
        #expect(!outcome.report.steps.contains { $0.kind == .quit }, "a 421 closes the session: no QUIT")
        expect(outcome, .rejected, "connection.client-idle-timeout")
    }

    @Test func closedBeforeGreeting() async throws {
        var script = Script()
        script.greeting = .close
        let outcome = try await ProbeHarness.run(script) { $0.checkModeMismatch = false }
        expect(outcome, .connectionFailed, "connection.closed-by-server")
    }

    @Test func garbageGreeting() async throws {
        var script = Script()
        script.greeting = .garbage("SSH-2.0-OpenSSH_9.2p1 Debian-2")
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .connectionFailed, "protocol.server-reply-not-smtp")
    }

    @Test func endlessLineIsCutAtTheLimit() async throws {
        var script = Script()
        script.greeting = .endlessLine
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .connectionFailed, "protocol.server-reply-not-smtp")
        #expect(outcome.report.session.stop == .protocolError(.greeting, .lineTooLong(limit: 2048)))
    }

    @Test func endlessContinuationIsCutAtTheLimit() async throws {
        var script = Script()
        script.greeting = .endlessContinuation
        let outcome = try await ProbeHarness.run(script)
        expect(outcome, .connectionFailed, "protocol.server-reply-not-smtp")
        #expect(outcome.report.session.stop == .protocolError(.greeting, .tooManyLines(limit: 100)))
    }

    // MARK: - Relay and recipients

    @Test func relayWithoutAuthenticationIsDenied() async throws {
        let outcome = try await ProbeHarness.run(try starttlsServer()) {
            $0.envelope = Envelope(from: "app@example.com", to: "someone@example.org")
        }
        // The test server answers with Postfix's words, which the relay rules recognise first.
        expect(outcome, .relayDenied, "relay.postfix-relay-access-denied")
        #expect(outcome.result.diagnoses.contains { $0.definition.id == "relay.probe-relay-needs-authentication" })
    }

    @Test func relayDeniedWithGenericTextNeedsAuthentication() async throws {
        var script = try starttlsServer()
        script.relay = .rcptReply(550, "5.7.1 Relaying denied")
        let outcome = try await ProbeHarness.run(script) {
            $0.envelope = Envelope(from: "app@example.com", to: "someone@example.org")
        }
        expect(outcome, .relayDenied, "relay.probe-relay-needs-authentication")
    }

    @Test func unknownRecipientIsRejected() async throws {
        var script = try starttlsServer()
        script.relay = .rcptReply(
            550, "5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in virtual mailbox table")
        let outcome = try await ProbeHarness.run(script) {
            $0.credentials = Credentials(username: "user", secret: Secret("secret"))
            $0.envelope = Envelope(from: "app@example.com", to: "nobody@example.org")
        }
        expect(outcome, .rejected, "recipient.unknown-user")
    }

    // MARK: - Connection

    @Test func closedPortIsRefused() async throws {
        let server = try await SMTPTestServer.start(Script())
        let port = server.port
        await server.stop()
        let report = await SMTPProbe(ProbeHarness.configuration(port: port)).run()
        let outcome = try ProbeHarness.diagnose(report)
        expect(outcome, .connectionFailed, "connection.probe-port-refused")
    }
}

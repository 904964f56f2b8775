import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes
import SMTPTestServer
import Testing

/// `--tls auto` on a port that never greets in plaintext, and the relay test past a certificate problem.
@Suite struct ProbeTLSFallbackTests {
    typealias Script = SMTPTestServerScript

    private func implicitServer() throws -> Script {
        var script = Script()
        script.tls = .implicit(try ProbeHarness.goodIdentity())
        return script
    }

    @Test func autoOnAnImplicitTLSPortGoesOnWithImplicitTLS() async throws {
        let outcome = try await ProbeHarness.run(try implicitServer()) {
            // The server never greets in plaintext, so the window always passes; it is short to keep the test fast.
            $0.timeouts.firstGreeting = .milliseconds(500)
            $0.credentials = Credentials(username: "user", secret: Secret("secret"))
        }
        #expect(outcome.verdict == .success, "\(outcome.explanation)")
        #expect(outcome.report.implicitFallback)
        #expect(outcome.report.mode == .implicit)
        #expect(outcome.report.requestedMode == .auto)
        #expect(outcome.report.session.authOutcome == .accepted)
        #expect(outcome.reason.contains("implicit TLS"), "the probe says it switched: \(outcome.reason)")
        #expect(outcome.report.steps.contains { $0.kind == .modeCheck && $0.outcome == .ok })
        let facts = outcome.report.observation().facts
        #expect(facts.contains { $0.name == "probe.tls.implicit-fallback" && $0.value == .bool(true) })
        #expect(facts.contains { $0.name == "config.tls-mode" && $0.value == .string("implicit") })
        #expect(outcome.received.allSatisfy { $0.overTLS }, "nothing was sent in plaintext")
    }

    @Test func autoOnAPlaintextPortDoesNotTryImplicitTLS() async throws {
        let outcome = try await ProbeHarness.run(Script())
        #expect(outcome.verdict == .success, "\(outcome.explanation)")
        #expect(!outcome.report.implicitFallback)
        #expect(!outcome.report.steps.contains { $0.kind == .modeCheck })
    }

    @Test func slowPlaintextGreetingAfterTheWindowStillWorks() async throws {
        // The window passes before the greeting; implicit TLS fails (the server answers the hello in plaintext) and
        // the probe connects again and waits the full greeting timeout. On a loaded machine the probe may read the
        // socket only after the greeting came, and then rightly goes on without the implicit-TLS attempt; either
        // way it must end in plaintext with success, and an attempt it made must have failed.
        var script = Script()
        script.greetingDelay = .seconds(3)
        let outcome = try await ProbeHarness.run(script) { $0.timeouts.firstGreeting = .milliseconds(100) }
        #expect(outcome.verdict == .success, "\(outcome.explanation)")
        #expect(!outcome.report.implicitFallback)
        #expect(outcome.report.mode == .auto)
        #expect(outcome.report.steps.filter { $0.kind == .modeCheck }.allSatisfy { $0.outcome == .failed })
    }

    @Test func aPartialPlaintextGreetingIsNeverAnsweredWithATLSHello() async throws {
        // A first greeting line without its last line, then silence (as Postfix's postscreen pauses): the port
        // speaks plaintext, so the probe waits for the greeting on a new connection instead of sending TLS.
        var script = Script()
        script.greeting = .garbage("220-test.localhost ESMTP")
        let outcome = try await ProbeHarness.run(script) {
            $0.timeouts = ProbeHarness.short
            $0.timeouts.firstGreeting = .milliseconds(100)
        }
        #expect(outcome.verdict == .timeout, "\(outcome.explanation)")
        #expect(!outcome.report.implicitFallback)
        #expect(!outcome.report.steps.contains { $0.kind == .modeCheck }, "no TLS hello was sent")
        #expect(outcome.report.steps.filter { $0.kind == .connect }.count == 2, "\(outcome.explanation)")
    }

    @Test func relayTestRunsPastAnUntrustedCertificate() async throws {
        var script = Script()
        script.tls = .starttls(try TestCertificates.server(signedBy: nil))
        script.relay = .rcptReply(554, "5.7.1 <someone@example.org>: Relay access denied")
        let outcome = try await ProbeHarness.run(script) {
            $0.envelope = Envelope(from: "app@example.com", to: "someone@example.org")
        }
        #expect(outcome.verdict == .relayDenied, "\(outcome.explanation)")
        #expect(outcome.report.wentOnPastCertificateProblem)
        #expect(outcome.received.contains { $0.line.uppercased().hasPrefix("RCPT TO") && $0.overTLS })
        #expect(outcome.report.certificate?.trusted == false)
        let facts = outcome.report.observation().facts
        #expect(facts.contains { $0.name == "probe.cert.problem" && $0.value == .string("untrusted") })
    }

    @Test func credentialsStopAtAnUntrustedCertificateUnlessAllowed() async throws {
        var script = Script()
        script.tls = .starttls(try TestCertificates.server(signedBy: nil))
        let envelope = Envelope(from: "app@example.com", to: "someone@example.org")
        let stopped = try await ProbeHarness.run(script) {
            $0.envelope = envelope
            $0.credentials = Credentials(username: "user", secret: Secret("secret"))
        }
        #expect(stopped.verdict == .tlsError, "\(stopped.explanation)")
        #expect(!stopped.received.contains { $0.line.uppercased().hasPrefix("AUTH") })

        let allowed = try await ProbeHarness.run(script) {
            $0.envelope = envelope
            $0.credentials = Credentials(username: "user", secret: Secret("secret"))
            $0.allowUntrustedCertificate = true
        }
        #expect(allowed.report.session.authOutcome == .accepted, "\(allowed.explanation)")
        #expect(allowed.received.contains { $0.line.uppercased().hasPrefix("RCPT TO") })
    }
}

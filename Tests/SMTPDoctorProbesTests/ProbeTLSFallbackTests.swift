import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes
import SMTPTestServer
import Testing

/// `--tls auto` on a port that never greets in plaintext, and the relay test past a certificate problem.
@Suite(ProbeHarness.manualClockLimit) struct ProbeTLSFallbackTests {
    typealias Script = SMTPTestServerScript

    private func implicitServer() throws -> Script {
        var script = Script()
        script.tls = .implicit(try ProbeHarness.goodIdentity())
        return script
    }

    /// The wait for a plaintext greeting before implicit TLS is tried, on the manual clock: shorter than every other
    /// wait of the probe, so that it alone runs out when the clock moves by it.
    private static let window = ProbeHarness.subjectTimeout

    @Test func autoOnAnImplicitTLSPortGoesOnWithImplicitTLS() async throws {
        // The server never greets in plaintext: the window passes, and nothing else runs out.
        let clock = ManualClock()
        let outcome = try await ProbeHarness.run(
            try implicitServer(), on: clock,
            {
                $0.timeouts.firstGreeting = Self.window
                $0.credentials = Credentials(username: "user", secret: Secret("secret"))
            },
            drive: { await $0.advance(by: Self.window) })
        #expect(clock.now.offset == Self.window)
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
        // The server holds its greeting until the window has passed and the probe waits for a TLS handshake on a
        // second connection; then it greets in plaintext, on that connection too. The TLS attempt fails, and the
        // probe connects again and waits the full greeting timeout, which never runs out.
        var script = Script()
        script.holdsGreeting = true
        let clock = ManualClock()
        let outcome = try await ProbeHarness.run(script, on: clock, { $0.timeouts.firstGreeting = Self.window }) {
            progress in
            await progress.advance(by: Self.window)
            await progress.clock.waitForSleepers(1)
            progress.server.releaseGreetings()
        }
        #expect(clock.now.offset == Self.window, "only the window ran out")
        #expect(outcome.verdict == .success, "\(outcome.explanation)")
        #expect(!outcome.report.implicitFallback)
        #expect(outcome.report.mode == .auto)
        let checks = outcome.report.steps.filter { $0.kind == .modeCheck }
        #expect(checks.count == 1 && checks.allSatisfy { $0.outcome == .failed }, "\(outcome.explanation)")
        #expect(outcome.report.steps.filter { $0.kind == .connect }.count == 2, "\(outcome.explanation)")
    }

    @Test func aPartialPlaintextGreetingIsNeverAnsweredWithATLSHello() async throws {
        // A first greeting line without its last line, then silence (as Postfix's postscreen pauses): the port
        // speaks plaintext, so the probe waits for the greeting on a new connection instead of sending TLS. The
        // window passes only once the probe has the line; then the full greeting timeout passes on that connection.
        var script = Script()
        let line = "220-test.localhost ESMTP"
        script.greeting = .garbage(line)
        let greeting = ProbeHarness.generous.greeting
        let clock = ManualClock()
        let outcome = try await ProbeHarness.run(script, on: clock, { $0.timeouts.firstGreeting = Self.window }) {
            progress in
            await progress.waitForBytes(line.utf8.count + 2)
            await progress.advance(by: Self.window)
            await progress.waitForSteps { steps in steps.filter { $0.kind == .connect }.count == 2 }
            await progress.advance(by: greeting)
        }
        #expect(clock.now.offset == Self.window + greeting, "the window and the greeting timeout ran out")
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

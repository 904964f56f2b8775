import Foundation
import SMTPDoctorProbes
import SMTPTestServer
import Testing

/// A canary password must never show up: not in the transcript, the text output, the JSON output or the facts,
/// in clear or base64-encoded, whatever the mechanism and whatever the server echoes.
@Suite struct SecretRedactionTests {
    static let canary = "Canary-7f3a9c-Pa55w0rd"

    private func forms(user: String = "user") -> [String] {
        let plain = Data("\u{0}\(user)\u{0}\(Self.canary)".utf8).base64EncodedString()
        return [Self.canary, Data(Self.canary.utf8).base64EncodedString(), plain]
    }

    private func assertClean(_ report: ProbeReport, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let outcome = [ProbeOutcome(report: report)]
        let outputs = [
            ProbeRenderer.text(outcome), ProbeRenderer.json(outcome, toolVersion: "test", exitCode: 0),
            report.transcript.map(\.text).joined(separator: "\n"), report.steps.map(\.detail).joined(separator: "\n"),
            report.observation().facts.map { "\($0.value)" }.joined(separator: "\n"), report.reason,
        ]
        for output in outputs {
            for form in forms() {
                #expect(!output.contains(form), "secret form \(form.prefix(4))… leaked", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [AuthMechanism.plain, .login, .xoauth2])
    func canaryNeverAppearsInAnyOutput(mechanism: AuthMechanism) async throws {
        var script = SMTPTestServerScript()
        script.tls = .starttls(try ProbeHarness.goodIdentity())
        script.authMechanisms = ["PLAIN", "LOGIN", "XOAUTH2"]
        script.auth = .credentials(username: "user", password: Self.canary)
        let server = try await SMTPTestServer.start(script)
        var configuration = ProbeHarness.configuration(port: server.port, password: Self.canary)
        configuration.credentials?.mechanism = mechanism
        let report = await SMTPProbe(configuration).run()
        await server.stop()
        #expect(report.transcript.contains { $0.text.contains("<redacted>") })
        assertClean(report)
    }

    @Test func serverEchoingThePayloadIsRedacted() async throws {
        var script = SMTPTestServerScript()
        script.tls = .starttls(try ProbeHarness.goodIdentity())
        script.auth = .reply(535, "5.7.8 rejected \(forms()[2]) for \(Self.canary)")
        let server = try await SMTPTestServer.start(script)
        let report = await SMTPProbe(ProbeHarness.configuration(port: server.port, password: Self.canary)).run()
        await server.stop()
        #expect(report.verdict == .authenticationFailed)
        assertClean(report)
    }

    @Test func credentialsAreNeverSentBeforeTLS() async throws {
        var script = SMTPTestServerScript()
        script.offerAuthBeforeTLS = true
        script.requireTLSForAuth = false
        let server = try await SMTPTestServer.start(script)
        let report = await SMTPProbe(ProbeHarness.configuration(port: server.port, password: Self.canary)).run()
        await server.stop()
        #expect(report.session.authOutcome == .plaintextRefused)
        #expect(!server.received.contains { $0.line.uppercased().hasPrefix("AUTH") })
        for entry in server.received { #expect(!forms().contains { entry.line.contains($0) }) }
    }

    @Test func secretDescribesItselfAsRedacted() {
        let secret = Secret(Self.canary)
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains(Self.canary))
    }
}

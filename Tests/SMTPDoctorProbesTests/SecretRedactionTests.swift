import Foundation
import SMTPDoctorProbes
import SMTPDoctorReports
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

    /// Everything a probe shows: text and JSON output, transcript, step details, facts and the reason.
    private func outputs(_ report: ProbeReport) throws -> [String] {
        let explanation = try ProbeHarness.diagnose(report).probe
        let outcome = [ProbeOutcome(report: report, explanation: explanation)]
        return [
            ProbeTextRenderer().render(outcome),
            try ProbeJSONRenderer(toolVersion: "test").render(outcome, exitCode: 0),
            report.transcript.map(\.text).joined(separator: "\n"), report.steps.map(\.detail).joined(separator: "\n"),
            report.observation().facts.map { "\($0.value)" }.joined(separator: "\n"), explanation.reason,
        ]
    }

    private func assertClean(_ report: ProbeReport, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for output in try outputs(report) {
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
        try assertClean(report)
    }

    @Test func serverEchoingThePayloadIsRedacted() async throws {
        var script = SMTPTestServerScript()
        script.tls = .starttls(try ProbeHarness.goodIdentity())
        script.auth = .reply(535, "5.7.8 rejected \(forms()[2]) for \(Self.canary)")
        let server = try await SMTPTestServer.start(script)
        let report = await SMTPProbe(ProbeHarness.configuration(port: server.port, password: Self.canary)).run()
        await server.stop()
        #expect(report.verdict == .authenticationFailed)
        try assertClean(report)
    }

    /// One way a server could echo the credentials back: the reply lines it sends after the code.
    struct Echo: Sendable, CustomTestStringConvertible {
        var name: String
        var lines: [String]
        var testDescription: String { name }
    }

    static let echoes: [Echo] = {
        let plain = Data("\u{0}user\u{0}\(canary)".utf8).base64EncodedString()
        let unpadded = String(plain.drop { $0 == "=" }.reversed().drop { $0 == "=" }.reversed())
        let login = Data(canary.utf8).base64EncodedString()
        let hex = canary.utf8.map { String(format: "%02x", $0) }.joined()
        let percent = { (text: String) in text.utf8.map { String(format: "%%%02X", $0) }.joined() }
        let urlEncoded = canary.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? canary
        func split(_ text: String) -> [String] {
            let middle = text.index(text.startIndex, offsetBy: text.count / 2)
            return ["5.7.8 rejected \(text[..<middle])", String(text[middle...])]
        }
        return [
            Echo(name: "PLAIN blob without padding", lines: ["5.7.8 rejected \(unpadded) here"]),
            Echo(name: "PLAIN blob upper-cased", lines: ["5.7.8 REJECTED \(plain.uppercased())"]),
            Echo(name: "PLAIN blob lower-cased", lines: ["5.7.8 rejected \(plain.lowercased())"]),
            Echo(name: "LOGIN blob without padding", lines: ["5.7.8 bad \(login.filter { $0 != "=" })"]),
            Echo(name: "password upper-cased", lines: ["5.7.8 bad \(canary.uppercased())"]),
            Echo(name: "password in lower-case hex", lines: ["5.7.8 bad \(hex)"]),
            Echo(name: "password in upper-case hex", lines: ["5.7.8 bad \(hex.uppercased())"]),
            Echo(name: "password URL-encoded", lines: ["5.7.8 bad pw=\(urlEncoded)"]),
            Echo(name: "password fully percent-encoded", lines: ["5.7.8 bad \(percent(canary).lowercased())"]),
            Echo(name: "PLAIN blob URL-encoded", lines: ["5.7.8 bad \(percent(plain))"]),
            Echo(name: "PLAIN blob split across lines", lines: split(plain)),
            Echo(name: "password split across lines", lines: split(canary)),
            Echo(
                name: "hex split across three lines",
                lines: ["5.7.8 bad", String(hex.prefix(20)), String(hex.dropFirst(20))]),
            Echo(
                name: "PLAIN blob split with status codes",
                lines: split(unpadded).enumerated().map { $0 == 0 ? $1 : "5.7.8 \($1)" }),
        ]
    }()

    /// The pieces of an echo that carry the secret: the words after the status code, and each half of a split.
    private static func leakedPieces(_ echo: Echo) -> [String] {
        echo.lines.flatMap { $0.split(separator: " ").map(String.init) }
            .filter { $0.count >= 6 && !$0.hasPrefix("5.7.8") && $0.lowercased() != "rejected" }
    }

    @Test(arguments: echoes)
    func everyEchoedFormIsRedacted(echo: Echo) async throws {
        var script = SMTPTestServerScript()
        script.tls = .starttls(try ProbeHarness.goodIdentity())
        script.auth = .replyLines(535, echo.lines)
        let server = try await SMTPTestServer.start(script)
        let report = await SMTPProbe(ProbeHarness.configuration(port: server.port, password: Self.canary)).run()
        await server.stop()
        #expect(report.verdict == .authenticationFailed)
        let authLines = report.transcript.filter { $0.direction == .server && $0.text.hasPrefix("535") }
        #expect(authLines.count == echo.lines.count)
        #expect(authLines.contains { $0.text.contains("<redacted>") })
        for (line, sent) in zip(authLines, echo.lines) where sent.hasPrefix("5.7.8 ") {
            #expect(line.text.dropFirst(4).hasPrefix("5.7.8 "), "only the secret is cut out: \(line.text)")
        }
        let pieces = Self.leakedPieces(echo)
        try #require(!pieces.isEmpty)
        for output in try outputs(report) {
            for piece in pieces {
                #expect(!output.lowercased().contains(piece.lowercased()), "\(echo.name): \(piece.prefix(4))… leaked")
            }
        }
        try assertClean(report)
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

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SMTPDoctorServe
import SMTPTestServer
import Testing

@Suite struct ServeProbeTests {
    /// A password no page, log line or download may ever contain.
    static let canary = "Canary-Pa55word-7f3e9b"

    @Test func authenticationFailureIsTheVerdictAndTheCanaryPasswordAppearsNowhere() async throws {
        var script = SMTPTestServerScript()
        script.tls = .starttls(try TestCertificates.server(signedBy: try TestCertificates.authority()))
        script.auth = .reply(535, "5.7.8 Authentication credentials invalid")
        try await withSMTPTestServer(script) { server in
            let harness = ServeHarness()
            try await harness.test { client in
                var seen: [String] = []
                let token = try await Browser.token(client, page: "/probe")
                let page = try await Browser.post(
                    client, "/probe", token: token,
                    fields: [
                        ("host", "127.0.0.1"), ("port", String(server.port)), ("security", "starttls"),
                        ("auth", "basic"), ("user", "app@example.org"), ("password", Self.canary),
                        ("allow-untrusted-certificate", "1"),
                    ])
                #expect(page.status == .ok)
                #expect(page.body.contains(#"id="verdict">Authentication Failed"#), "\(page.body)")
                #expect(page.body.contains(#"id="first-cause""#))
                seen.append(page.body)
                seen.append(page.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n"))
                let id = try #require(ResultLink.id(in: page.body))
                for file in ["report.html", "report.md", "report.json"] {
                    seen.append(
                        try await client.execute(uri: "/results/\(id)/\(file)", method: .get) {
                            String(buffer: $0.body)
                        })
                }
                let json = try await Browser.postJSON(
                    client, "/api/probe",
                    #"{"host": "127.0.0.1", "port": \#(server.port), "security": "starttls", "auth": "basic", "#
                        + #""user": "app@example.org", "password": "\#(Self.canary)", "allowUntrustedCertificate": true}"#
                )
                #expect(json.status == .ok)
                #expect(json.body.contains("authentication-failed"))
                seen.append(json.body)
                seen.append(contentsOf: harness.log.all)
                #expect(!harness.log.all.isEmpty)
                for text in seen {
                    #expect(!text.contains(Self.canary))
                    #expect(!text.contains(Data(Self.canary.utf8).base64EncodedString()))
                }
            }
            #expect(server.received.contains { $0.line.hasPrefix("AUTH") })
        }
    }

    @Test func relayDeniedIsTheVerdictOfARefusedRecipient() async throws {
        var script = SMTPTestServerScript()
        script.relay = .rcptReply(550, "5.7.1 Unable to relay")
        try await withSMTPTestServer(script) { server in
            try await ServeHarness().test { client in
                let token = try await Browser.token(client, page: "/probe")
                let page = try await Browser.post(
                    client, "/probe", token: token,
                    fields: [
                        ("host", "127.0.0.1"), ("port", String(server.port)), ("security", "none"),
                        ("from", "app@example.org"), ("to", "someone@example.net"),
                    ])
                #expect(page.body.contains(#"id="verdict">Relay Denied"#), "\(page.body)")
            }
        }
    }

    @Test func successNeedsNoCause() async throws {
        try await withSMTPTestServer(SMTPTestServerScript()) { server in
            try await ServeHarness().test { client in
                let json = try await Browser.postJSON(
                    client, "/api/probe", #"{"host": "127.0.0.1", "port": \#(server.port), "security": "none"}"#)
                #expect(json.status == .ok)
                #expect(json.body.contains("\"success\""), "\(json.body)")
            }
        }
    }
}

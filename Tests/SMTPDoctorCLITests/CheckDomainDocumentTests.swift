import Foundation
import Testing

/// The findings of the domain checks in documents: check-domain's Markdown and HTML, and `--domain` on diagnose
/// and report in every format. Against the NSD of scripts/dns-server/start.sh.
@Suite struct CheckDomainDocumentTests {
    private static let server = "127.0.0.1:\(ProcessInfo.processInfo.environment["DNS_TEST_PORT"] ?? "5353")"

    /// Whether the test server answers (a `check-domain` of the good domain finds its MX); says so when not.
    private func serverAnswers() async throws -> Bool {
        let output = try await CommandRunner.run([
            "check-domain", "good.dnscheck.test", "--dns-server", Self.server, "--selector", "s1", "--format", "json",
        ])
        if output.standardOutput.contains("1 MX record(s).") { return true }
        let message = "⚠️  The test DNS server is not running on \(Self.server): start scripts/dns-server/start.sh"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(message)")
        } else {
            print(message)
        }
        return false
    }

    @Test(arguments: ["markdown", "html"])
    func checkDomainWritesADocumentWithFindingsAndCauses(_ format: String) async throws {
        guard try await serverAnswers() else { return }
        let output = try await CommandRunner.run([
            "check-domain", "dkimrevoked.dnscheck.test", "--dns-server", Self.server, "--selector", "s1", "--format",
            format,
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let text = output.standardOutput
        #expect(text.contains("DNS checks of dkimrevoked.dnscheck.test"))
        #expect(text.contains("The key of selector s1 is revoked"))
        #expect(text.contains("sender-authentication.domain-dkim-revoked"))
        #expect(text.contains("1 problem(s)"))
        if format == "html" {
            #expect(text.hasPrefix("<!DOCTYPE html>"))
            #expect(
                text.contains(
                    "<code>s1._domainkey.dkimrevoked.dnscheck.test. 300 IN TXT &quot;v=DKIM1; k=rsa; p=&quot;</code>"))
        } else {
            #expect(text.contains("| dkim | problem | The key of selector s1 is revoked (empty p=). |"))
        }
    }

    @Test func theConfigurationFilesDNSServerIsUsedWithoutDNSServerOption() async throws {
        guard try await serverAnswers() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dns-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.yaml")
        try "dns-server: \(Self.server)\n".write(to: config, atomically: true, encoding: .utf8)
        let output = try await CommandRunner.run([
            "check-domain", "dkim512.dnscheck.test", "--selector", "s1", "--config", config.path, "--format", "json",
        ])
        #expect(output.standardOutput.contains("sender-authentication.domain-dkim-weak-key"), "\(output.standardError)")
    }

    @Test(arguments: ["text", "json", "markdown", "html"])
    func diagnoseWithDomainShowsTheFindings(_ format: String) async throws {
        guard try await serverAnswers() else { return }
        let output = try await CommandRunner.run([
            "diagnose", "--error", "550 5.7.26 This message does not pass authentication checks", "--domain",
            "dkimrevoked.dnscheck.test", "--selector", "s1", "--dns-server", Self.server, "--format", format,
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("The key of selector s1 is revoked"), "\(output.standardOutput)")
        #expect(output.standardOutput.contains("sender-authentication.domain-dkim-revoked"))
    }

    @Test(arguments: ["text", "json", "markdown", "html"])
    func reportWithDomainShowsTheFindings(_ format: String) async throws {
        guard try await serverAnswers() else { return }
        let output = try await CommandRunner.run([
            "report", "--error", "550 5.7.26 This message does not pass authentication checks", "--domain",
            "tlsrptbad.dnscheck.test", "--selector", "s1", "--dns-server", Self.server, "--format", format,
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("The TLS-RPT record is invalid"), "\(output.standardOutput)")
    }
}

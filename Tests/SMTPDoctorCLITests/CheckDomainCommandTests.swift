import Foundation
import Testing

/// `smtp-doctor check-domain` as a user runs it, against the NSD of scripts/dns-server/start.sh.
@Suite struct CheckDomainCommandTests {
    private static let server = "127.0.0.1:\(ProcessInfo.processInfo.environment["DNS_TEST_PORT"] ?? "5353")"

    /// The JSON object of a run, or nil (after saying so, or failing under CI) when the test server is not there.
    private func json(_ arguments: [String]) async throws -> [String: Any]? {
        let output = try await CommandRunner.run(
            ["check-domain"] + arguments + ["--dns-server", Self.server, "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let findings = object["findings"] as? [[String: Any]] ?? []
        if findings.first(where: { $0["check"] as? String == "mx" })?["status"] as? String == "error" {
            let message = "⚠️  The test DNS server is not running on \(Self.server): start scripts/dns-server/start.sh"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("\(message)")
            } else {
                print(message)
            }
            return nil
        }
        return object
    }

    @Test func jsonFollowsTheDiagnoseContractAndAddsFindings() async throws {
        guard let object = try await json(["dkim512.dnscheck.test", "--selector", "s1"]) else { return }
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["domain"] as? String == "dkim512.dnscheck.test")
        let diagnoses = try #require(object["diagnoses"] as? [[String: Any]])
        #expect(diagnoses.first?["id"] as? String == "sender-authentication.domain-dkim-weak-key")
        #expect(diagnoses.first?["category"] as? String == "sender-authentication")
        #expect((diagnoses.first?["remediation"] as? [Any])?.isEmpty == false)
        #expect((object["checklist"] as? [Any])?.isEmpty == false)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let dkim = try #require(findings.first { $0["check"] as? String == "dkim" })
        #expect(dkim["status"] as? String == "problem")
        #expect((dkim["records"] as? [String])?.first?.contains("v=DKIM1") == true)
    }

    @Test func textShowsFindingsThenCauses() async throws {
        guard try await json(["spf11.dnscheck.test", "--selector", "s1"]) != nil else { return }
        let output = try await CommandRunner.run(["check-domain", "spf11.dnscheck.test", "--dns-server", Self.server])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("PROBLEM  spf: include:inc11.spfinc.dnscheck.test is DNS lookup 11"))
        #expect(output.standardOutput.contains("Likely causes"))
    }

    @Test func badDomainAndServerAreUsageErrors() async throws {
        let domain = try await CommandRunner.run(["check-domain", "bad..example", "--dns-server", Self.server])
        #expect(domain.status == 64)
        #expect(domain.standardError.contains("not a valid domain name"))
        let server = try await CommandRunner.run(["check-domain", "example.com", "--dns-server", "dns.example"])
        #expect(server.status == 64)
        #expect(server.standardError.contains("IP address"))
    }

    @Test func domainOnDiagnoseAddsTheDNSFindingsToThePastedError() async throws {
        guard try await json(["dkimrevoked.dnscheck.test", "--selector", "s1"]) != nil else { return }
        let output = try await CommandRunner.run([
            "diagnose", "--error", "550 5.7.26 This message does not pass authentication checks",
            "--domain", "dkimrevoked.dnscheck.test", "--selector", "s1", "--dns-server", Self.server, "--format",
            "json",
        ])
        #expect(output.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let diagnoses = try #require(object["diagnoses"] as? [[String: Any]])
        #expect(diagnoses.first?["id"] as? String == "sender-authentication.domain-dkim-revoked")
        let facts = try #require(object["facts"] as? [[String: Any]])
        #expect(facts.contains { $0["name"] as? String == "domain.dkim.revoked" && $0["source"] as? String == "dns" })
        #expect(facts.contains { $0["name"] as? String == "reply.code" })
    }
}

import Foundation
import Testing

@Suite struct RulesCommandTests {
    @Test func lintOfTheBuiltInKnowledgeBaseIsClean() async throws {
        let output = try await CommandRunner.run(["rules", "lint"])
        #expect(output.status == 0, "\(output.standardOutput)")
        #expect(output.standardOutput.hasPrefix("ok: "))
    }

    @Test func lintOfTheRulesFolderIsClean() async throws {
        let output = try await CommandRunner.run([
            "rules", "lint", CommandRunner.packageRoot.appendingPathComponent("Rules").path,
        ])
        #expect(output.status == 0, "\(output.standardOutput)")
    }

    @Test func lintReportsFileAndLineAndFails() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-lint-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("diagnoses"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let diagnosis = """
            - id: auth.team-special
              category: auth
              title: A team rule with a typo
              summary: The fact name is misspelt.
              evidence:
                - if: { reply.enhnced: 5.7.8 }
                  cf: 0.5
              remediation: [no-such-fix]
            """
        try diagnosis.write(to: folder.appendingPathComponent("diagnoses/team.yaml"), atomically: true, encoding: .utf8)
        let output = try await CommandRunner.run(["rules", "lint", folder.path])
        #expect(output.status == 65)
        let path = folder.appendingPathComponent("diagnoses/team.yaml").path
        #expect(output.standardOutput.contains("\(path):6: fact 'reply.enhnced' is not declared"))
        #expect(output.standardOutput.contains("\(path):8: diagnosis 'auth.team-special': remediation 'no-such-fix'"))
    }

    @Test func aTeamLayerAddsADiagnosisThatDiagnoseUses() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-layer-\(UUID())")
        for sub in ["diagnoses", "remediations"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        - id: relay.team-printer-vlan
          category: relay
          title: The office printers' VLAN is not in the relay connector
          summary: Our printers scan to email through the relay; their VLAN must be listed.
          evidence:
            - if: { error.text: { contains: "printer-vlan-7" } }
              cf: 0.95
          remediation: [team-add-printer-vlan]
        """.write(to: folder.appendingPathComponent("diagnoses/team.yaml"), atomically: true, encoding: .utf8)
        try """
        - id: team-add-printer-vlan
          title: Add VLAN 7 to the relay connector
          effort: 1
          steps: [Ask the mail team to add 10.7.0.0/16 to the relay connector.]
        """.write(to: folder.appendingPathComponent("remediations/team.yaml"), atomically: true, encoding: .utf8)
        let output = try await CommandRunner.run([
            "diagnose", "--rules", folder.path, "--error", "550 5.7.1 Unable to relay from printer-vlan-7",
        ])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("relay.team-printer-vlan"))
        #expect(output.standardOutput.contains("Add VLAN 7") || output.standardOutput.contains("10.7.0.0/16"))
    }

    @Test func listFiltersByCategory() async throws {
        let output = try await CommandRunner.run(["rules", "list", "--category", "tls"])
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("tls.") })
    }

    @Test func listRejectsAnUnknownCategory() async throws {
        let output = try await CommandRunner.run(["rules", "list", "--category", "weather"])
        #expect(output.status == 64)
        #expect(output.standardError.contains("unknown category 'weather'"))
    }

    @Test func showDescribesADiagnosisWithWhereItIsDefined() async throws {
        let list = try await CommandRunner.run(["rules", "list", "--category", "auth"])
        let id = try #require(list.standardOutput.split(separator: " ").first.map(String.init))
        let output = try await CommandRunner.run(["rules", "show", id])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix(id))
        #expect(output.standardOutput.contains("Evidence:"))
        #expect(output.standardOutput.contains("Defined at Rules/diagnoses/"))
    }

    @Test func showDescribesAQuestionWithItsAnswers() async throws {
        let list = try await CommandRunner.run(["rules", "list", "--kind", "questions", "--ids"])
        let ids = list.standardOutput.split(separator: "\n").map(String.init)
        #expect(ids.count > 5)
        for id in ids {
            let output = try await CommandRunner.run(["rules", "show", id])
            #expect(output.status == 0, "rules show \(id)")
            #expect(output.standardOutput.contains("question \(id) ("), "rules show \(id)")
            #expect(output.standardOutput.contains("Defined at Rules/questions.yaml:"), "rules show \(id)")
        }
    }

    @Test func showExplainsACode() async throws {
        let output = try await CommandRunner.run(["rules", "show", "5.7.8"])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("X.7.8: "))
    }
}

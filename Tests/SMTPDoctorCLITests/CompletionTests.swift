import Foundation
import Testing

/// The ids the shells' completion scripts ask the program for, and `rules list --ids` for scripts.
@Suite struct CompletionTests {
    @Test func idsAloneMatchTheFirstColumnOfTheListing() async throws {
        let listing = try await CommandRunner.run(["rules", "list", "--kind", "providers"])
        let ids = try await CommandRunner.run(["rules", "list", "--kind", "providers", "--ids"])
        #expect(ids.status == 0)
        let firstColumn = listing.standardOutput.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        #expect(ids.standardOutput.split(separator: "\n").map(String.init) == firstColumn)
        #expect(firstColumn.contains("microsoft-365"))
    }

    @Test func questionsAreListed() async throws {
        let output = try await CommandRunner.run(["rules", "list", "--kind", "questions", "--ids"])
        #expect(output.status == 0)
        #expect(output.standardOutput.split(separator: "\n").contains("provider"), "\(output.standardOutput)")
    }

    @Test func theProviderOptionCompletesProviderIdsWithTheTypedPrefix() async throws {
        let output = try await CommandRunner.run([
            "---completion", "diagnose", "--", "--provider", "3", "1", "smtp-doctor", "diagnose", "--provider", "m",
        ])
        let offered = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(offered.contains("microsoft-365"), "\(output.standardOutput)")
        #expect(offered.allSatisfy { $0.hasPrefix("m") })
    }

    @Test func theSymptomAndCategoryOptionsCompleteTheirIds() async throws {
        let symptoms = try await CommandRunner.run(["rules", "list", "--kind", "symptoms", "--ids"]).standardOutput
        let offeredSymptoms = try await CommandRunner.run([
            "---completion", "report", "--", "--symptom", "3", "0", "smtp-doctor", "report", "--symptom", "",
        ]).standardOutput
        #expect(!symptoms.isEmpty)
        #expect(offeredSymptoms == symptoms.split(separator: "\n").sorted().joined(separator: "\n") + "\n")

        let categories = try await CommandRunner.run([
            "---completion", "rules", "list", "--", "--category", "4", "0", "smtp-doctor", "rules", "list",
            "--category", "",
        ]).standardOutput
        #expect(categories.split(separator: "\n").contains("auth"), "\(categories)")
    }

    @Test func rulesShowCompletesDiagnosisIds() async throws {
        let output = try await CommandRunner.run([
            "---completion", "rules", "show", "--", "positional@0", "3", "5", "smtp-doctor", "rules", "show", "auth.",
        ])
        let offered = output.standardOutput.split(separator: "\n")
        #expect(!offered.isEmpty)
        #expect(offered.allSatisfy { $0.hasPrefix("auth.") }, "\(output.standardOutput)")
    }
}

import Foundation
import Testing

@Suite struct DiagnoseCommandTests {
    @Test func authenticationErrorGivesRankedCausesReasonsAndAChecklist() async throws {
        let output = try await CommandRunner.run([
            "diagnose", "--error", "535 5.7.8 Authentication credentials invalid",
        ])
        #expect(output.status == 0)
        let text = output.standardOutput
        #expect(text.contains("Likely causes"))
        #expect(text.contains("1. "))
        #expect(text.contains("auth."))
        #expect(text.contains("Why:"))
        #expect(text.contains("reply.enhanced = 5.7.8"))
        #expect(text.contains("What to do"))
        #expect(text.contains("[ ]"))
        #expect(text.contains("(pasted error)"))
    }

    @Test func textOutputFitsEightyColumnsAndHasNoColourWhenPiped() async throws {
        let output = try await CommandRunner.run([
            "diagnose", "--error",
            "host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)",
        ])
        #expect(output.status == 0)
        let wide = output.standardOutput.split(separator: "\n").filter { $0.count > 80 }
        #expect(wide.isEmpty, "lines over 80 columns: \(wide)")
        #expect(!output.standardOutput.contains("\u{1B}["))
    }

    @Test func providerStepsAppearWhenTheProviderIsGiven() async throws {
        let output = try await CommandRunner.run([
            "diagnose", "--error", "535 5.7.3 Authentication unsuccessful", "--provider", "microsoft-365",
        ])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Provider: Microsoft 365"))
        #expect(output.standardOutput.contains("(microsoft-365)"))
    }

    @Test func errorIsReadFromStandardInput() async throws {
        let output = try await CommandRunner.run(
            ["diagnose", "--error", "-", "--format", "json"], input: "554 5.7.1 <x@example.org>: Relay access denied\n")
        #expect(output.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let diagnoses = try #require(object["diagnoses"] as? [[String: Any]])
        #expect((diagnoses.first?["category"] as? String) == "relay")
    }

    @Test func unknownTextIsNotRecognisedWithAdviceAndItsOwnExitStatus() async throws {
        let output = try await CommandRunner.run(["diagnose", "--error", "the quick brown fox jumps over the lazy dog"])
        #expect(output.status == 3)
        #expect(output.standardOutput.contains("Not recognised."))
        #expect(output.standardOutput.contains("Try next"))
        #expect(output.standardOutput.contains("--provider"))
        #expect(output.standardOutput.contains("smtp-doctor probe --host"))
        #expect(output.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func explainShowsDerivedFacts() async throws {
        let output = try await CommandRunner.run(["diagnose", "--error", "550 5.1.1 User unknown", "--explain"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Derived facts"))
        #expect(output.standardOutput.contains("reply.class = permanent"))
    }

    @Test func unknownProviderIsAUsageError() async throws {
        let output = try await CommandRunner.run(["diagnose", "--error", "535", "--provider", "nonesuch"])
        #expect(output.status == 64)
        #expect(output.standardError.contains("unknown provider 'nonesuch'"))
        #expect(output.standardError.contains("microsoft-365"))
    }

    @Test func withoutAnyEvidenceTheCommandSaysWhatToGive() async throws {
        let output = try await CommandRunner.run(["diagnose"])
        #expect(output.status == 64)
        #expect(output.standardError.contains("--error"))
    }

    @Test func binaryCopiedAloneIntoAnEmptyFolderStillDiagnoses() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-alone-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("smtp-doctor")
        try FileManager.default.copyItem(at: CommandRunner.program, to: copy)
        let output = try await CommandRunner.run(
            ["diagnose", "--error", "535 5.7.8 Authentication credentials invalid", "--format", "json"], program: copy,
            in: folder)
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("\"category\" : \"auth\""))
    }

    @Test func helpListsTheExitCodes() async throws {
        let output = try await CommandRunner.run(["diagnose", "--help"])
        #expect(output.status == 0)
        for status in ["0 ", "3 ", "64 ", "65 "] { #expect(output.standardOutput.contains("  \(status)")) }
    }
}

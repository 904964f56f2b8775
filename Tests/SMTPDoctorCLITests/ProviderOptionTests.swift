import Testing

/// `--provider` takes the names people type and suggests the nearest provider for a near miss.
@Suite struct ProviderOptionTests {
    @Test func anAliasIsAcceptedAndReportedByItsId() async throws {
        let output = try await CommandRunner.run([
            "diagnose", "--error", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled",
            "--provider", "o365", "--format", "json",
        ])
        #expect(output.standardError.isEmpty, "\(output.standardError)")
        #expect(output.standardOutput.contains("microsoft-365"))
        #expect(!output.standardOutput.contains("\"o365\""))
    }

    @Test func aNearMissGetsDidYouMean() async throws {
        let output = try await CommandRunner.run([
            "diagnose", "--error", "550 5.1.1 user unknown", "--provider", "gmial",
        ])
        #expect(output.status == 64)
        #expect(output.standardError.contains("unknown provider 'gmial'; did you mean google-workspace"))
    }

    @Test func somethingUnrelatedListsTheKnownProviders() async throws {
        let output = try await CommandRunner.run([
            "diagnose", "--error", "550 5.1.1 user unknown", "--provider", "nonesuch",
        ])
        #expect(output.status == 64)
        #expect(output.standardError.contains("known: "))
        #expect(output.standardError.contains("microsoft-365"))
    }
}

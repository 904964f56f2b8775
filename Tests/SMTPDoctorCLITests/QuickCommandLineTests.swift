import Foundation
import Testing

/// The command lines the program reads without ArgumentParser (`--version` and common `diagnose` lines) behave as
/// ArgumentParser's reading of them does.
///
/// Each quick command line is run beside the same line with `--tls auto` added: that option, given its default
/// value, changes nothing, but is one the quick reader leaves to ArgumentParser.
@Suite struct QuickCommandLineTests {
    static let quickLines: [[String]] = [
        ["diagnose", "--error", "535 5.7.8 Authentication credentials invalid", "--format", "json"],
        ["diagnose", "--error=550 5.1.1 User unknown", "--format=text", "--no-pager"],
        ["diagnose", "--error", "421 4.7.0 Try again later", "--error", "454 4.7.0 TLS not available", "--explain"],
        ["diagnose", "--error", "535 5.7.3 Authentication unsuccessful", "--provider", "o365", "--brief"],
        ["diagnose", "--symptom", "duplicate-messages", "--no-color"],
        ["diagnose", "--error", "535 5.7.8", "--provider", "no-such-provider"],
        ["diagnose", "--error", "hello", "--format", "json"],
    ]

    @Test(arguments: quickLines)
    func quickLineGivesWhatArgumentParserGives(arguments: [String]) async throws {
        let quick = try await CommandRunner.run(arguments)
        let parsed = try await CommandRunner.run(arguments + ["--tls", "auto"])
        #expect(quick.status == parsed.status)
        #expect(Self.withoutTimestamp(quick.standardOutput) == Self.withoutTimestamp(parsed.standardOutput))
        #expect(quick.standardError == parsed.standardError)
        #expect(!quick.standardOutput.isEmpty || !quick.standardError.isEmpty)
    }

    @Test func standardInputIsReadForADash() async throws {
        let arguments = ["diagnose", "--error", "-", "--format", "json"]
        let input = "550 5.7.1 Unable to relay"
        let quick = try await CommandRunner.run(arguments, input: input)
        let parsed = try await CommandRunner.run(arguments + ["--tls", "auto"], input: input)
        #expect(quick.status == 0)
        #expect(Self.withoutTimestamp(quick.standardOutput) == Self.withoutTimestamp(parsed.standardOutput))
        #expect(quick.standardOutput.contains("Unable to relay"))
    }

    @Test func versionIsTheOneArgumentParserPrints() async throws {
        let quick = try await CommandRunner.run(["--version"])
        let parsed = try await CommandRunner.run(["diagnose", "--version"])
        #expect(quick.status == 0)
        #expect(quick.standardOutput == parsed.standardOutput)
        #expect(quick.standardOutput.first?.isNumber == true)
    }

    /// Lines the quick reader leaves to ArgumentParser keep ArgumentParser's messages and exit status.
    @Test(arguments: [
        (["diagnose", "--format", "yaml", "--error", "535"], "The value 'yaml' is invalid for '--format"),
        (["diagnose", "--error"], "Missing value for '--error"),
        (["diagnose", "--format", "json"], "Give the error with --error TEXT"),
        (["diagnose", "--error", "535", "--brief", "--format", "json"], "--brief and --max-steps shorten the text"),
    ])
    func declinedLineKeepsArgumentParsersMessage(arguments: [String], message: String) async throws {
        let output = try await CommandRunner.run(arguments)
        #expect(output.status == 64)
        #expect(output.standardError.contains(message), "\(output.standardError)")
    }

    /// The JSON contract's `generatedAt`, which differs between two runs, blanked out.
    static func withoutTimestamp(_ text: String) -> String {
        text.replacing(/"generatedAt" *: *"[^"]*"/, with: "\"generatedAt\":\"\"")
    }
}

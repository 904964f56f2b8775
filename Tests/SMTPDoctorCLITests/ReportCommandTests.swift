import Foundation
import Testing

/// `report`, and the Markdown and HTML formats of `diagnose` and `probe`.
@Suite struct ReportCommandTests {
    static let canary = "CANARY-pw-7f3e9b1d"

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: ["text", "json", "markdown", "html"])
    func theCanaryPasswordAppearsInNoFormatOfAnyCommand(format: String) async throws {
        try await HostileServer.with { server in
            let credentials = ["--user", "svc", "--password-env", "CANARY_PASSWORD"]
            let environment = ["CANARY_PASSWORD": Self.canary]
            let runs: [[String]] = [
                ["report", "--error", "535 5.7.8 Authentication credentials invalid"],
                ["diagnose", "--error", "535 5.7.8 Authentication credentials invalid"],
                ["probe"],
            ]
            for command in runs {
                let output = try await CommandRunner.run(
                    command + server.arguments + credentials + ["--format", format], environment: environment)
                let all = output.standardOutput + output.standardError
                #expect(!all.contains(Self.canary), "\(command[0]) --format \(format) printed the password")
                let failed = ["Authentication Failed", "authentication-failed", "auth.bad-credentials"]
                #expect(failed.contains { all.contains($0) }, "\(command[0]) --format \(format): \(all.prefix(400))")
                #expect(!output.standardOutput.isEmpty)
            }
            // The server did receive the password: the test would prove nothing if it had not been sent.
            #expect(server.server.received.contains { $0.line.hasPrefix("AUTH") })
        }
    }

    @Test func reportWritesTheFormatItsOutputFileNames() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, marker) in [
            ("case.html", "<!DOCTYPE html>"), ("case.md", "# smtp-doctor report"), ("case.json", "\"schemaVersion\""),
        ] {
            let file = folder.appendingPathComponent(name)
            let output = try await CommandRunner.run([
                "report", "--error", "550 5.7.1 Unable to relay", "-o", file.path,
            ])
            #expect(output.status == 0, "\(output.standardError)")
            #expect(output.standardOutput.isEmpty)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains(marker), "\(name)")
        }
    }

    @Test func answersBecomeFactsFromTheInterview() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let answers = folder.appendingPathComponent("answers.yaml")
        try Data("account.mfa-enabled: true\n".utf8).write(to: answers)
        let output = try await CommandRunner.run([
            "report", "--error", "535 5.7.8 Authentication credentials invalid", "--answers", answers.path,
            "--format", "markdown",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("| account.mfa-enabled | true | answer to account.mfa-enabled |"))
    }

    @Test func anAnswerForAnUndeclaredFactIsRefused() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let answers = folder.appendingPathComponent("answers.yaml")
        try Data("account.mfa-enabld: true\n".utf8).write(to: answers)
        let output = try await CommandRunner.run(["report", "--error", "535", "--answers", answers.path])
        #expect(output.status == 64)
        #expect(output.standardError.contains(":1: 'account.mfa-enabld' is neither a question id nor a fact name"))
        #expect(output.standardError.contains("did you mean 'account.mfa-enabled'?"))
    }

    @Test func aMissingTemplateFolderIsAnUnreadableInput() async throws {
        let output = try await CommandRunner.run([
            "diagnose", "--error", "535", "--format", "html", "--template", "/nonexistent/templates",
        ])
        #expect(output.status == 66)
        #expect(output.standardError.contains("cannot read the template folder /nonexistent/templates"))
    }

    @Test func aTemplateFolderWithTextOutputIsAUsageError() async throws {
        let output = try await CommandRunner.run(["diagnose", "--error", "535", "--template", "/tmp"])
        #expect(output.status == 64)
        #expect(output.standardError.contains("--template applies to --format markdown and html only"))
    }

    @Test func diagnoseAndProbeWriteMarkdownAndHTML() async throws {
        let diagnose = try await CommandRunner.run(["diagnose", "--error", "535 5.7.8", "--format", "markdown"])
        #expect(diagnose.status == 0)
        #expect(diagnose.standardOutput.contains("## Checklist\n\n- [ ] "))
        try await HostileServer.with { server in
            let probe = try await CommandRunner.run(["probe"] + server.arguments + ["--format", "html"])
            #expect(probe.standardOutput.contains("<h2>Probe of 127.0.0.1:\(server.server.port) (STARTTLS)</h2>"))
            #expect(probe.standardOutput.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/td&gt;"))
            #expect(!probe.standardOutput.contains("<script>"))
        }
    }

    @Test func aBinaryCopiedAloneStillRendersTheBuiltInTemplates() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("smtp-doctor")
        try FileManager.default.copyItem(at: CommandRunner.program, to: copy)
        let output = try await CommandRunner.run(
            ["report", "--error", "550 5.7.1 Unable to relay", "--format", "html"], program: copy, in: folder)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("<h2 id=\"checklist\">Checklist</h2>"))
    }
}

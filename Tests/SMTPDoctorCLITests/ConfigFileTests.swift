import Foundation
import Testing

/// The configuration file and the `SMTP_DOCTOR_*` variables, through the program as a user runs it.
///
/// Each test gets its own `XDG_CONFIG_HOME`, so the user's real file never takes part. A provider id that the
/// knowledge base does not know makes the value in effect visible: `diagnose` names it in its refusal.
@Suite struct ConfigFileTests {
    /// A fresh configuration home, with `smtp-doctor/config.yaml` holding `text` when it is given.
    private struct ConfigHome {
        let folder: URL

        init(userFile text: String? = nil) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-config-\(UUID())")
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("smtp-doctor"), withIntermediateDirectories: true)
            if let text { try write(text, to: "smtp-doctor/config.yaml") }
        }

        /// Writes a file under the folder and returns its path.
        @discardableResult
        func write(_ text: String, to name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        var environment: [String: String] { ["XDG_CONFIG_HOME": folder.path] }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    private let error535 = ["diagnose", "--error", "535 5.7.8 Authentication credentials invalid", "--no-color"]

    @Test func theUserFileSetsTheProvider() async throws {
        let home = try ConfigHome(userFile: "provider: provider-from-user-file\n")
        defer { home.remove() }
        let output = try await CommandRunner.run(error535, environment: home.environment)
        #expect(output.status == 64)
        #expect(output.standardError.contains("unknown provider 'provider-from-user-file'"), "\(output.standardError)")
    }

    @Test func aFlagBeatsTheEnvironmentWhichBeatsTheUserFile() async throws {
        let home = try ConfigHome(userFile: "provider: provider-from-user-file\n")
        defer { home.remove() }
        var environment = home.environment
        environment["SMTP_DOCTOR_PROVIDER"] = "provider-from-environment"
        let fromEnvironment = try await CommandRunner.run(error535, environment: environment)
        #expect(fromEnvironment.standardError.contains("unknown provider 'provider-from-environment'"))

        let fromFlag = try await CommandRunner.run(
            error535 + ["--provider", "microsoft-365"], environment: environment)
        #expect(fromFlag.status == 0, "\(fromFlag.standardError)")
        #expect(fromFlag.standardOutput.contains("Microsoft 365"), "\(fromFlag.standardOutput)")
    }

    @Test func anExplicitFileReplacesTheUserFile() async throws {
        let home = try ConfigHome(userFile: "provider: provider-from-user-file\n")
        defer { home.remove() }
        let explicit = try home.write("provider: provider-from-explicit-file\n", to: "team.yaml")
        let output = try await CommandRunner.run(error535 + ["--config", explicit], environment: home.environment)
        #expect(
            output.standardError.contains("unknown provider 'provider-from-explicit-file'"), "\(output.standardError)")
    }

    @Test func aConfiguredProviderIsUsedForTheDiagnosis() async throws {
        let home = try ConfigHome(userFile: "provider: microsoft-365\n")
        let empty = try ConfigHome()
        defer {
            home.remove()
            empty.remove()
        }
        let configured = try await CommandRunner.run(error535, environment: home.environment)
        let bare = try await CommandRunner.run(error535, environment: empty.environment)
        #expect(configured.status == 0, "\(configured.standardError)")
        #expect(configured.standardOutput.contains("Microsoft 365"))
        #expect(!bare.standardOutput.contains("Microsoft 365"), "\(bare.standardOutput)")
    }

    @Test func configuredRuleFoldersAreLoadedUnlessTheFlagGivesOthers() async throws {
        let home = try ConfigHome(userFile: "rules:\n  - /nonexistent/smtp-doctor-rules\n")
        defer { home.remove() }
        let configured = try await CommandRunner.run(["rules", "list"], environment: home.environment)
        #expect(configured.status == 66)
        #expect(configured.standardError.contains("/nonexistent/smtp-doctor-rules"), "\(configured.standardError)")

        let flagged = try await CommandRunner.run(
            ["rules", "list", "--rules", CommandRunner.packageRoot.appendingPathComponent("Rules").path],
            environment: home.environment)
        #expect(flagged.status == 0, "\(flagged.standardError)")
    }

    @Test func colourAlwaysColoursAPipeButNoColorStillWins() async throws {
        let home = try ConfigHome(userFile: "color: always\n")
        defer { home.remove() }
        let arguments = ["diagnose", "--error", "535 5.7.8 Authentication credentials invalid"]
        let coloured = try await CommandRunner.run(arguments, environment: home.environment)
        #expect(coloured.standardOutput.contains("\u{1B}["))

        var environment = home.environment
        environment["NO_COLOR"] = "1"
        let plain = try await CommandRunner.run(arguments, environment: environment)
        #expect(!plain.standardOutput.contains("\u{1B}["))
        #expect(plain.status == 0)
    }

    @Test func anUnknownKeyIsReportedWithItsFileAndLine() async throws {
        let home = try ConfigHome(userFile: "provider: microsoft-365\ncolour-scheme: dark\n")
        defer { home.remove() }
        let output = try await CommandRunner.run(error535, environment: home.environment)
        #expect(output.status == 65)
        let path = home.folder.appendingPathComponent("smtp-doctor/config.yaml").path
        #expect(output.standardError.contains("\(path):2: unknown setting 'colour-scheme'"), "\(output.standardError)")
    }

    @Test func aWrongValueOrBrokenYAMLIsReportedWithItsLine() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        let badColour = try home.write("provider: microsoft-365\n\ncolor: purple\n", to: "colour.yaml")
        let colour = try await CommandRunner.run(error535 + ["--config", badColour], environment: home.environment)
        #expect(colour.status == 65)
        #expect(colour.standardError.contains("\(badColour):3: 'color' is 'purple'"), "\(colour.standardError)")

        let broken = try home.write("provider: [microsoft-365\n", to: "broken.yaml")
        let yaml = try await CommandRunner.run(error535 + ["--config", broken], environment: home.environment)
        #expect(yaml.status == 65)
        #expect(yaml.standardError.contains("\(broken):"), "\(yaml.standardError)")
        #expect(yaml.standardError.contains("not valid YAML"))

        let list = try home.write("templates:\n  - a\n  - b\n", to: "list.yaml")
        let notOne = try await CommandRunner.run(error535 + ["--config", list], environment: home.environment)
        #expect(notOne.status == 65)
        #expect(notOne.standardError.contains("\(list):2: 'templates' takes one non-empty value"))
    }

    @Test func aMissingExplicitFileIsUnreadableInput() async throws {
        let output = try await CommandRunner.run(error535 + ["--config", "/nonexistent/smtp-doctor.yaml"])
        #expect(output.status == 66)
        #expect(output.standardError.contains("cannot read the configuration file /nonexistent/smtp-doctor.yaml"))
    }

    @Test func aBadColourInTheEnvironmentIsNamed() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        var environment = home.environment
        environment["SMTP_DOCTOR_COLOR"] = "sometimes"
        let output = try await CommandRunner.run(error535, environment: environment)
        #expect(output.status == 65)
        #expect(output.standardError.contains("SMTP_DOCTOR_COLOR is 'sometimes'"), "\(output.standardError)")
    }
}

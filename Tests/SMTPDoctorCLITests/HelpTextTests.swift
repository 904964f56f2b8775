import Foundation
import Testing

/// What `--help` prints, at the 80 columns of a terminal that is not asked (standard output is a pipe here).
@Suite struct HelpTextTests {
    static let commands: [[String]] = [
        [], ["diagnose"], ["interview"], ["probe"], ["report"], ["analyze"], ["check-domain"], ["rules"],
        ["rules", "lint"], ["rules", "list"], ["rules", "show"],
    ]

    /// Every command's help, run once for all the tests of the suite (each run is a process).
    static let helps = Task { () -> [[String]: CommandRunner.Output] in
        var helps: [[String]: CommandRunner.Output] = [:]
        for command in commands {
            helps[command] = try? await CommandRunner.run(command + ["--help"], environment: ["COLUMNS": "80"])
        }
        return helps
    }

    private func help(_ command: [String]) async throws -> String {
        let output = try #require(await Self.helps.value[command], "\(command) --help did not run")
        #expect(output.status == 0, "\(command) --help: \(output.standardError)")
        return output.standardOutput
    }

    /// The lines of the EXAMPLES block: from the heading to the next blank line.
    private func examples(_ help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "EXAMPLES:" })
        else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    @Test(arguments: commands)
    func everyExampleIsOneWholeLineWithinEightyColumns(command: [String]) async throws {
        let text = try await help(command)
        // The USAGE line is the argument parser's synopsis, one line by design; everything else is ours.
        for line in text.components(separatedBy: "\n") where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "\(command) --help has a line of \(line.count) columns: \(line)")
        }
        // A wrapped example leaves a line that is not a command of its own.
        for line in examples(text) {
            #expect(line.contains("smtp-doctor "), "\(command) --help: example broken across lines at: \(line)")
        }
    }

    @Test func everyCommandWithExamplesShowsThem() async throws {
        for command in [["diagnose"], ["probe"], ["analyze"], ["report"], ["interview"], ["check-domain"]] {
            #expect(!examples(try await help(command)).isEmpty, "\(command) --help has no EXAMPLES block")
        }
    }

    @Test func eachCommandListsOnlyItsOwnExitCodes() async throws {
        let probe = try await help(["probe"])
        #expect(probe.contains("14   probe: Relay Denied"))
        #expect(!probe.contains("3    nothing recognised"))
        for command in [["analyze"], ["check-domain"], ["diagnose"], ["report"], ["interview"]] {
            let text = try await help(command)
            #expect(text.contains("64   invalid command line"), "\(command)")
            #expect(!text.contains("probe: Relay Denied"), "\(command) --help lists the probe's exit codes")
        }
        #expect(try await help(["diagnose"]).contains("3    nothing recognised"))
        #expect(!(try await help(["analyze"])).contains("3    nothing recognised"))
        #expect(try await help([]).contains("14   probe: Relay Denied"), "the program's own help lists every status")
    }

    @Test func analyzeTemplateHelpNamesTheAnalysisTemplates() async throws {
        let text = try await help(["analyze"]).replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(text.contains("analysis.html.mustache"))
        #expect(text.contains("analysis.md.mustache"))
    }

    // MARK: - Snapshots

    /// The whole help of the commands that report a result, against `Golden/help-*.txt`; `UPDATE_GOLDEN=1` rewrites
    /// them, and the diff is the review of a changed option.
    @Test(arguments: [["diagnose"], ["probe"], ["report"], ["interview"], ["analyze"], ["check-domain"]])
    func helpMatchesItsSnapshot(command: [String]) async throws {
        let text = try await help(command)
        let folder = CommandRunner.packageRoot.appendingPathComponent("Tests/SMTPDoctorCLITests/Golden")
        let url = folder.appendingPathComponent("help-\(command.joined(separator: "-")).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "differs from Golden/\(url.lastPathComponent); rerun with UPDATE_GOLDEN=1 and review")
    }
}

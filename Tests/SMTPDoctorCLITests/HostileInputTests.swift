import Foundation
import Testing

/// Inputs and surroundings that once crashed the program or were silently ignored.
@Suite struct HostileInputTests {
    /// Exit statuses of a crash: SIGILL (a Swift trap), SIGSEGV, SIGABRT and SIGPIPE as the shell reports them.
    private let crashStatuses: Set<Int32> = [132, 134, 139, 141]

    @Test(arguments: ["diagnose", "report"])
    func standardInputThatIsAFolderIsAnError(command: String) async throws {
        let output = try await CommandRunner.runShell("\"$SMTP_DOCTOR\" \(command) --error - < /")
        #expect(output.status == 66, "\(output)")
        #expect(output.standardError.contains("cannot read standard input"))
    }

    @Test(arguments: ["diagnose", "report"])
    func closedStandardInputIsAnError(command: String) async throws {
        let output = try await CommandRunner.runShell("\"$SMTP_DOCTOR\" \(command) --error - <&-")
        #expect(output.status == 66, "\(output)")
        #expect(output.standardError.contains("cannot read standard input"))
    }

    @Test func standardInputOverTheLimitIsCutWithANotice() async throws {
        let output = try await CommandRunner.runShell(
            "head -c 1100000 /dev/zero | tr '\\0' x | \"$SMTP_DOCTOR\" diagnose --error - --format json")
        #expect(!crashStatuses.contains(output.status))
        #expect(output.standardError.contains("read the first 1 MiB of standard input"))
    }

    @Test(arguments: [
        ["--timeout", "inf"], ["--deadline", "inf"], ["--timeout", "1e300"], ["--deadline", "nan"],
        ["--timeout", "0"], ["--deadline", "-1"],
    ])
    func timeoutsMustBeFiniteAndBounded(option: [String]) async throws {
        let output = try await CommandRunner.run(["probe", "--host", "127.0.0.1", "--port", "1"] + option)
        #expect(output.status == 64, "\(output)")
        #expect(output.standardError.contains("seconds"))
    }

    @Test func aFullDiskAsStandardOutputIsAnError() async throws {
        let output = try await CommandRunner.runShell("\"$SMTP_DOCTOR\" rules list > /dev/full")
        #expect(output.status == 1, "\(output)")
        #expect(output.standardError.contains("cannot write to standard output"))
    }

    @Test func aClosedStandardOutputIsAnError() async throws {
        let output = try await CommandRunner.runShell("\"$SMTP_DOCTOR\" diagnose --error 535 >&-")
        #expect(output.status == 1, "\(output)")
        #expect(output.standardError.contains("cannot write to standard output"))
    }

    @Test func anOutputFileOnAFullDiskIsAnError() async throws {
        let output = try await CommandRunner.run(["diagnose", "--error", "535", "--format", "json", "-o", "/dev/full"])
        #expect(output.status == 1, "\(output)")
        #expect(output.standardError.contains("cannot write /dev/full"))
    }

    @Test func aWriteProtectedOutputFileIsNotReplaced() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("kept.md")
        try Data("keep me\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
        let output = try await CommandRunner.run(["diagnose", "--error", "535", "-o", file.path])
        #expect(output.status == 1, "\(output)")
        #expect(output.standardError.contains("write-protected"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me\n")
    }

    /// Paths the system refuses whoever runs the program (root included): under a regular file, in a missing
    /// folder, a folder itself.
    @Test(arguments: ["plain/report.md", "missing/report.md", "."])
    func anOutputPathTheSystemRefusesIsAnErrorNamingIt(relative: String) async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x\n".utf8).write(to: folder.appendingPathComponent("plain"))
        let path = folder.appendingPathComponent(relative).path
        let output = try await CommandRunner.run(["diagnose", "--error", "535", "-o", path])
        #expect(output.status == 1, "\(output)")
        #expect(output.standardError.contains("cannot write \(path)"))
        #expect(!crashStatuses.contains(output.status))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plain"])
    }

    @Test func anOutputFileIsWrittenWholeWithNoTemporaryFileLeft() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.md")
        let output = try await CommandRunner.run(["diagnose", "--error", "535 5.7.8", "-o", file.path])
        #expect(output.status == 0, "\(output)")
        #expect(try String(contentsOf: file, encoding: .utf8).contains("535"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.md"])
    }

    @Test func aTemplateThatIncludesItselfIsAnErrorNotACrash() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<p>{{> report.html}}</p>\n".utf8).write(to: folder.appendingPathComponent("report.html.mustache"))
        let output = try await CommandRunner.run([
            "diagnose", "--error", "535", "--format", "html", "--template", folder.path,
        ])
        #expect(output.status == 66, "\(output)")
        #expect(output.standardError.contains("report.html"))
        #expect(output.standardError.contains("includes itself"))
    }

    @Test func aPasswordFileMayBeAFIFO() async throws {
        let output = try await CommandRunner.runShell(
            "\"$SMTP_DOCTOR\" probe --host 127.0.0.1 --port 9 --tls none --user u --allow-plaintext-auth --password-file <(printf 'pw\\n')"
        )
        #expect(!output.standardError.contains("cannot read the password file"), "\(output)")
        #expect(output.status == 10, "\(output)")
    }
}

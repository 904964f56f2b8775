import Foundation
import Testing

/// `analyze` of a folder it may not list and of a file it may not read, as an ordinary user sees them.
///
/// File permissions do not hold the superuser back, so when the tests run as root (as CI does) the program runs as
/// `nobody` through setpriv(1) or runuser(1) of util-linux. Without either the tests skip and say so, except under
/// `CI=true`, where they fail.
@Suite struct UnreadableInputTests {
    @Test(
        .enabled(
            if: OrdinaryUser.command != nil || OrdinaryUser.inCI,
            "SKIPPED LOUDLY: running as root without setpriv or runuser (util-linux), so no test saw analyze meet a folder it may not list. Install util-linux; in CI this test fails instead."
        ))
    func aFolderThatCannotBeListedIsAnInputProblem() async throws {
        try await OrdinaryUser.withFolder { folder in
            let logs = folder.appendingPathComponent("logs")
            let locked = logs.appendingPathComponent("locked")
            try OrdinaryUser.makeFolder(locked)
            try Data(Self.failure.utf8).write(to: locked.appendingPathComponent("mail.log"))
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
            let output = try await OrdinaryUser.analyze([logs.path], in: folder)
            #expect(output.status == 66, "\(output.standardError)")
            #expect(output.standardOutput.contains("Input problems: 1 unreadable input(s)"), "\(output.standardOutput)")
            #expect(
                output.standardOutput.contains("unreadable: \(locked.path): the folder cannot be listed"),
                "\(output.standardOutput)")
            #expect(!output.standardOutput.contains("No delivery failures found."))
            #expect(output.standardError.contains("could not be read"), "\(output.standardError)")
        }
    }

    @Test(
        .enabled(
            if: OrdinaryUser.command != nil || OrdinaryUser.inCI,
            "SKIPPED LOUDLY: running as root without setpriv or runuser (util-linux), so no test saw analyze meet a file it may not read. Install util-linux; in CI this test fails instead."
        ))
    func aFileThatCannotBeReadIsAnInputProblem() async throws {
        try await OrdinaryUser.withFolder { folder in
            let logs = folder.appendingPathComponent("logs")
            try OrdinaryUser.makeFolder(logs)
            let sealed = logs.appendingPathComponent("mail.log")
            try Data(Self.failure.utf8).write(to: sealed)
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: sealed.path)
            // Given by name, and found in a folder.
            for input in [sealed, logs] {
                let output = try await OrdinaryUser.analyze([input.path], in: folder)
                #expect(output.status == 66, "\(input.path): \(output.standardError)")
                #expect(
                    output.standardOutput.contains("Input problems: 1 unreadable input(s)"), "\(output.standardOutput)")
                #expect(
                    output.standardOutput.contains("unreadable: \(sealed.path): Permission denied"),
                    "\(output.standardOutput)")
                #expect(!output.standardOutput.contains("recipient.unknown-user"), "the sealed line was not read")
            }
        }
    }

    /// A failure that a reader who can read the file would report.
    static let failure =
        "May  1 06:06:57 mx1 postfix/smtp[915]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, "
        + "delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: "
        + "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))\n"
}

/// Runs the program as a user whom file permissions apply to.
enum OrdinaryUser {
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// What runs a program as `nobody` (user and group 65534) when the tests run as root; nothing when they do not;
    /// nil as root without a way to drop the privileges.
    static let command: [String]? = {
        guard geteuid() == 0 else { return [] }
        let manager = FileManager.default
        if let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: manager.isExecutableFile(atPath:)) {
            return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        }
        if let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first(where: manager.isExecutableFile(atPath:)) {
            return [runuser, "-u", "nobody", "--"]
        }
        return nil
    }()

    /// Runs `body` with a new folder that every user may enter, and removes it afterwards.
    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        try #require(command != nil, "root without setpriv or runuser: install util-linux")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-unreadable-\(UUID())")
        try makeFolder(folder)
        defer { removeAll(folder) }
        try await body(folder)
    }

    /// Makes a folder (and its parents) that every user may enter and list.
    static func makeFolder(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    }

    /// Runs `smtp-doctor analyze --no-progress PATHS` as the ordinary user, in `folder`. As root, the program runs
    /// from a copy in `folder`, since the build folder may be closed to other users.
    static func analyze(_ paths: [String], in folder: URL) async throws -> CommandRunner.Output {
        let command = try #require(command)
        var program = CommandRunner.program
        if !command.isEmpty {
            let copy = folder.appendingPathComponent("smtp-doctor")
            if !FileManager.default.fileExists(atPath: copy.path) {
                try FileManager.default.copyItem(at: program, to: copy)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
            }
            program = copy
        }
        let arguments = Array(command.dropFirst()) + (command.isEmpty ? [] : [program.path])
        return try await CommandRunner.run(
            arguments + ["analyze", "--no-progress"] + paths,
            environment: ["HOME": folder.path, "XDG_CONFIG_HOME": folder.path],
            program: command.first.map { URL(fileURLWithPath: $0) } ?? program, in: folder)
    }

    /// Gives the owner back every permission under `folder`, then removes it.
    private static func removeAll(_ folder: URL) {
        unlock(folder.path)
        try? FileManager.default.removeItem(at: folder)
    }

    private static func unlock(_ path: String) {
        let manager = FileManager.default
        try? manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return }
        for name in (try? manager.contentsOfDirectory(atPath: path)) ?? [] { unlock(path + "/" + name) }
    }
}

import Foundation

extension CommandRunner {
    /// Runs a bash script in which `"$SMTP_DOCTOR"` is the built program, for what `Process` cannot set up: a closed
    /// or folder standard input, process substitution, `/dev/full` as standard output.
    static func runShell(_ script: String, in folder: URL? = nil) async throws -> Output {
        try await run(
            ["-c", script], environment: ["SMTP_DOCTOR": program.path], program: URL(fileURLWithPath: "/bin/bash"),
            in: folder)
    }

    /// A new empty folder for one test's files.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-test-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

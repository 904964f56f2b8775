import Foundation

/// Runs the built `smtp-doctor` program as a user would and captures what it prints.
struct CommandRunner {
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The program next to the test bundle (the build folder of this test run).
    static let program: URL = {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("smtp-doctor"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "smtp-doctor"),
            packageRoot.appendingPathComponent(".build/debug/smtp-doctor"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    /// How many programs run at once: enough to keep every core busy while some wait on a server, few enough
    /// that a loaded machine is not asked to start a hundred at a time (each test's own timeouts still hold).
    static let concurrentPrograms = 2 * ProcessInfo.processInfo.activeProcessorCount + 2

    private static let programSlots = DispatchSemaphore(value: concurrentPrograms)

    /// Runs the program with arguments, optional standard input, extra environment and working folder.
    ///
    /// The program runs and is waited for on a thread of its own, never on one of the few threads of Swift's
    /// cooperative pool: a test that runs the program does not hold back the async tests beside it. At most
    /// `concurrentPrograms` run at once; the others wait for a slot on their own threads.
    static func run(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:], program: URL = program,
        in folder: URL? = nil
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                programSlots.wait()
                defer { programSlots.signal() }
                continuation.resume(
                    with: Result {
                        try runAndWait(
                            arguments, input: input, environment: environment, program: program, in: folder)
                    })
            }
        }
    }

    /// Runs the program and blocks until it ends. Standard error goes to a file, so that it never fills a pipe
    /// while standard output is read.
    private static func runAndWait(
        _ arguments: [String], input: String?, environment: [String: String], program: URL, in folder: URL?
    ) throws -> Output {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let folder { process.currentDirectoryURL = folder }
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-stderr-\(UUID())")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let stderr = try FileHandle(forWritingTo: errorFile)
        let stdout = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        try stderr.close()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = try Data(contentsOf: errorFile)
        return Output(
            status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
            standardError: String(decoding: err, as: UTF8.self))
    }
}

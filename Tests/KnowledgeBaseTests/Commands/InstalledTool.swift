import Foundation
import Testing

/// A program the command tests run (bash, postconf, swaks, openssl, dig, nc): found on PATH, or skipped loudly
/// locally and failed under `CI=true`.
struct InstalledTool: Sendable {
    let url: URL

    /// The program on PATH, or nil after recording a failure (CI) or printing a warning (locally).
    static func require(_ name: String, package: String, for purpose: String) -> InstalledTool? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        for folder in folders {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return InstalledTool(url: candidate) }
        }
        let message = "\(name) is not installed (apt-get install \(package)); it is needed to check \(purpose)"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(message). CI must install it.")
        } else {
            FileHandle.standardError.write(Data("SKIPPED: \(message)\n".utf8))
        }
        return nil
    }

    /// Runs the program and returns its exit status and standard output and error together.
    func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

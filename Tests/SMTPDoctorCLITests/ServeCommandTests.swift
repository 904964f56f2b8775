import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct ServeCommandTests {
    @Test func aListenerOtherMachinesReachNeedsSignInToStart() async throws {
        let output = try await CommandRunner.run(
            ["serve", "--listen", "0.0.0.0:0"], environment: ["SMTP_DOCTOR_SERVE_TOKEN": ""])
        #expect(output.status == 64)
        #expect(output.standardError.contains("--access-token-file"))
    }

    @Test func servesTheAPIAndLogsEachRequestAndStopsOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = CommandRunner.program
        process.arguments = ["serve", "--listen", "127.0.0.1:0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let log = LogBuffer()
        errors.fileHandleForReading.readabilityHandler = { log.append($0.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Generous: starting includes loading the knowledge base on a loaded machine.
        let url = try #require(try await log.waitForURL(seconds: 120), "serve did not start: \(log.text)")
        let (health, _) = try await URLSession.shared.data(from: url.appendingPathComponent("healthz"))
        #expect(String(decoding: health, as: UTF8.self).contains("ok"))

        var request = URLRequest(url: url.appendingPathComponent("api/diagnose"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"errors": ["535 5.7.8 Authentication credentials invalid"]}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"schemaVersion\" : 1"))

        process.terminate()  // SIGTERM
        let stopped = await log.waitFor(seconds: 60) { !process.isRunning }
        #expect(stopped, "serve did not stop on SIGTERM")
        #expect(process.terminationStatus == 0)
        #expect(log.text.contains("path=/healthz"))
        #expect(log.text.contains("path=/api/diagnose"))
    }
}

/// What the server writes to standard error, collected as it arrives.
final class LogBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// The URL of "smtp-doctor: serving on URL", once it is written.
    func waitForURL(seconds: Int) async throws -> URL? {
        var found: URL?
        _ = await waitFor(seconds: seconds) {
            guard let range = self.text.range(of: "serving on ") else { return false }
            let rest = self.text[range.upperBound...]
            found = rest.split(whereSeparator: \.isNewline).first.flatMap { URL(string: String($0)) }
            return found != nil
        }
        return found
    }

    /// Checks `condition` every 100 ms until it holds or the time is up.
    func waitFor(seconds: Int, _ condition: () -> Bool) async -> Bool {
        for _ in 0..<(seconds * 10) {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }
}

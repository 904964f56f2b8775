import Foundation
import SMTPTestServer

/// A fault-injecting test server that speaks STARTTLS with a test CA, rejects every password but `secret`, and
/// greets with a banner that tries to inject markup into any document it is copied into.
struct HostileServer {
    static let banner = "evil.test ESMTP <script>alert(1)</script></td></tr></table>"

    let server: SMTPTestServer
    /// The test CA's certificate, for `--ca-file`.
    let caFile: URL
    let folder: URL

    /// Starts a server, runs `body` with it, then stops it and removes its folder, whether `body` returns or throws.
    static func with<Value>(_ body: (HostileServer) async throws -> Value) async throws -> Value {
        let server = try await start()
        do {
            let value = try await body(server)
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }

    private static func start() async throws -> HostileServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ca = try TestCertificates.authority()
        let caFile = folder.appendingPathComponent("ca.pem")
        try Data(ca.certificatePEM.utf8).write(to: caFile)
        var script = SMTPTestServerScript()
        script.greeting = .reply(220, banner)
        script.tls = .starttls(try TestCertificates.server(signedBy: ca))
        script.auth = .credentials(username: "svc", password: "secret")
        return HostileServer(server: try await SMTPTestServer.start(script), caFile: caFile, folder: folder)
    }

    /// The connection options for the CLI. No test here is about a timeout, and the server answers at once: the
    /// steps may take a minute, so that a loaded machine never cuts one short.
    var arguments: [String] {
        [
            "--host", "127.0.0.1", "--port", String(server.port), "--tls", "starttls", "--ca-file", caFile.path,
            "--timeout", "60", "--deadline", "600",
        ]
    }

    private func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

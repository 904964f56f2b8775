import NIOCore
import SMTPTestServer
import Testing

@testable import SMTPDoctorProbes

/// The connection's scoped use and its cancellation.
@Suite struct SMTPConnectionTests {
    private static func address(_ server: SMTPTestServer) throws -> SocketAddress {
        try SocketAddress(ipAddress: "127.0.0.1", port: server.port)
    }

    @Test func cancellingAReadClosesTheConnection() async throws {
        var script = SMTPTestServerScript()
        script.greeting = .silent
        try await withSMTPTestServer(script) { server in
            try await SMTPConnection.withConnection(
                to: try Self.address(server), serverName: nil, implicitTLS: false, timeout: .seconds(60),
                limits: SMTPReplyDecoder.Limits()
            ) { connection in
                // The server never greets and the read's own timeout is an hour away: only cancellation ends it.
                let read = Task { try await connection.readReply(timeout: .seconds(3600)) }
                read.cancel()
                do {
                    let reply = try await read.value
                    Issue.record("read \(reply.summary) from a silent server")
                } catch SMTPReplyHandler.Failure.closed {
                } catch {
                    Issue.record("expected the connection to be closed, got \(error)")
                }
            }
        }
    }

    @Test func theBodysResultIsReturnedAndItsErrorRethrown() async throws {
        struct Stop: Error {}
        try await withSMTPTestServer(SMTPTestServerScript()) { server in
            let greeting = try await SMTPConnection.withConnection(
                to: try Self.address(server), serverName: nil, implicitTLS: false, timeout: .seconds(60),
                limits: SMTPReplyDecoder.Limits()
            ) { connection in try await connection.readReply(timeout: .seconds(60)) }
            #expect(greeting.code == 220)
            await #expect(throws: Stop.self) {
                try await SMTPConnection.withConnection(
                    to: try Self.address(server), serverName: nil, implicitTLS: false, timeout: .seconds(60),
                    limits: SMTPReplyDecoder.Limits()
                ) { _ in throw Stop() }
            }
        }
    }
}

import NIOCore
import NIOPosix
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

    @Test func aReadTimesOutWhenItsClockPassesTheTimeout() async throws {
        var script = SMTPTestServerScript()
        script.greeting = .silent
        let clock = ManualClock()
        try await withSMTPTestServer(script) { server in
            try await SMTPConnection.withConnection(
                to: try Self.address(server), serverName: nil, implicitTLS: false, timeout: .seconds(60),
                limits: SMTPReplyDecoder.Limits(), clock: clock
            ) { connection in
                // An hour on the manual clock passes at once; on the real clock this read would wait an hour.
                let read = Task { try await connection.readReply(timeout: .seconds(3600)) }
                await clock.waitForSleepers(1)
                clock.advance(by: .seconds(3600))
                do {
                    let reply = try await read.value
                    Issue.record("read \(reply.summary) from a silent server")
                } catch SMTPReplyHandler.Failure.timeout {
                } catch {
                    Issue.record("expected a timeout, got \(error)")
                }
            }
        }
    }

    @Test func aHandshakeTimesOutWhenItsClockPassesTheTimeout() async throws {
        // A listener without handlers: it accepts, reads and drops the TLS hello, and never answers.
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        let clock = ManualClock()
        do {
            try await SMTPConnection.withConnection(
                to: try SocketAddress(ipAddress: "127.0.0.1", port: port), serverName: nil, implicitTLS: true,
                timeout: .seconds(60), limits: SMTPReplyDecoder.Limits(), clock: clock
            ) { connection in
                let handshake = Task { try await connection.awaitHandshake(timeout: .seconds(3600)) }
                await clock.waitForSleepers(1)
                clock.advance(by: .seconds(3600))
                do {
                    _ = try await handshake.value
                    Issue.record("a TLS handshake with a silent server completed")
                } catch SMTPReplyHandler.Failure.timeout {
                } catch {
                    Issue.record("expected a timeout, got \(error)")
                }
            }
        } catch {
            Issue.record("\(error)")
        }
        try await listener.close()
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

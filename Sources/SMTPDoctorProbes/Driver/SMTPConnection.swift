import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to an SMTP server: read replies, send commands, start TLS.
///
/// A thin driver: it knows nothing of the dialogue, which the state machine decides. Every read and handshake has a
/// timeout on the connection's clock (a test passes a manual one, so that a timeout needs no waiting), and
/// cancelling the task that waits closes the connection, so the wait ends at once.
///
/// ```swift
/// let greeting = try await SMTPConnection.withConnection(to: address, …) { connection in
///     try await connection.readReply(timeout: .seconds(30))
/// }   // closed here, whether the body returned or threw
/// ```
public final class SMTPConnection: Sendable {
    private let channel: any Channel
    private let handler: NIOLoopBound<SMTPReplyHandler>
    private let firstBytes: NIOLockedValueBox<[UInt8]>
    private let presentedChain: NIOLockedValueBox<[NIOSSLCertificate]>
    private let clock: any Clock<Duration>

    private init(
        channel: any Channel, handler: NIOLoopBound<SMTPReplyHandler>, firstBytes: NIOLockedValueBox<[UInt8]>,
        presentedChain: NIOLockedValueBox<[NIOSSLCertificate]>, clock: any Clock<Duration>
    ) {
        self.channel = channel
        self.handler = handler
        self.firstBytes = firstBytes
        self.presentedChain = presentedChain
        self.clock = clock
    }

    /// Connects to one address.
    /// - Parameters:
    ///   - address: the server's address and port.
    ///   - serverName: the name sent in SNI when TLS starts (nil for an IP address).
    ///   - implicitTLS: start the TLS handshake as soon as the connection is up.
    ///   - timeout: the connect timeout (on the real clock: the socket's own).
    ///   - limits: the reply limits.
    ///   - clock: the clock the timeouts of reads and handshakes run on.
    ///   - onReceive: called on the event loop with the number of bytes each time bytes arrive from the server,
    ///     before any TLS decoding.
    /// - Throws: the connect error (`IOError`, `ChannelError.connectTimeout`, `NIOConnectionError`).
    public static func connect(
        to address: SocketAddress, serverName: String?, implicitTLS: Bool, timeout: Duration,
        limits: SMTPReplyDecoder.Limits, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        clock: any Clock<Duration> = ContinuousClock(), onReceive: (@Sendable (Int) -> Void)? = nil
    ) async throws -> SMTPConnection {
        let firstBytes = NIOLockedValueBox<[UInt8]>([])
        let chain = NIOLockedValueBox<[NIOSSLCertificate]>([])
        let context = implicitTLS ? try TLSClientContext.make() : nil
        let installed = NIOLockedValueBox<NIOLoopBound<SMTPReplyHandler>?>(nil)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(timeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(FirstBytesRecorder(store: firstBytes, onReceive: onReceive))
                    if let context {
                        try sync.addHandler(TLSClientContext.handler(context, serverName: serverName, chain: chain))
                    }
                    let handler = SMTPReplyHandler(limits: limits)
                    try sync.addHandler(handler)
                    installed.withLockedValue { $0 = NIOLoopBound(handler, eventLoop: channel.eventLoop) }
                }
            }
        let channel = try await bootstrap.connect(to: address).get()
        guard let handler = installed.withLockedValue({ $0 }) else { throw ChannelError.ioOnClosedChannel }
        return SMTPConnection(
            channel: channel, handler: handler, firstBytes: firstBytes, presentedChain: chain, clock: clock)
    }

    /// Connects to one address, runs `body` with the connection and closes it, whether `body` returns or throws.
    /// - Parameters: as ``connect(to:serverName:implicitTLS:timeout:limits:group:clock:onReceive:)``.
    /// - Returns: what `body` returns.
    public static func withConnection<Value>(
        to address: SocketAddress, serverName: String?, implicitTLS: Bool, timeout: Duration,
        limits: SMTPReplyDecoder.Limits, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        clock: any Clock<Duration> = ContinuousClock(), onReceive: (@Sendable (Int) -> Void)? = nil,
        _ body: (SMTPConnection) async throws -> Value
    ) async throws -> Value {
        let connection = try await connect(
            to: address, serverName: serverName, implicitTLS: implicitTLS, timeout: timeout, limits: limits,
            group: group, clock: clock, onReceive: onReceive)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// The next reply.
    /// - Throws: ``SMTPReplyHandler/Failure`` on timeout, close or garbage (`closed` when the task was cancelled).
    public func readReply(timeout: Duration) async throws -> SMTPReply {
        let handler = self.handler
        let eventLoop = channel.eventLoop
        return try await closingOnCancel {
            let reply = try await eventLoop.submit { handler.value.nextReply(on: eventLoop) }.get()
            return try await expiring(reply, after: timeout) {
                eventLoop.execute { handler.value.expireReply(reply) }
            }
        }
    }

    /// Sends one command and reads its reply.
    ///
    /// A server that closes the connection usually says why first — `421` when it times the client out or shuts
    /// down — and that reply may arrive before the command goes out. When the command cannot be sent, the answer is
    /// what the server said before closing, or that it closed; not the failed write.
    /// - Throws: ``SMTPReplyHandler/Failure`` as ``readReply(timeout:)``; the write's error when the connection is
    ///   still open and nothing came.
    public func exchange(_ command: SMTPCommand, timeout: Duration) async throws -> SMTPReply {
        let channel = self.channel
        do {
            try await closingOnCancel { try await channel.writeAndFlush(ByteBuffer(string: command.wire)) }
        } catch {
            let handler = self.handler
            let received = try await channel.eventLoop.submit { handler.value.takeReceived() }.get()
            guard let received else { throw error }
            return try received.get()
        }
        return try await readReply(timeout: timeout)
    }

    /// Waits for the TLS handshake of an implicit-TLS connection.
    /// - Returns: what TLS negotiated.
    public func awaitHandshake(timeout: Duration) async throws -> NegotiatedTLS {
        let handler = self.handler
        let eventLoop = channel.eventLoop
        try await closingOnCancel {
            let handshake = try await eventLoop.submit { handler.value.handshake(on: eventLoop) }.get()
            try await expiring(handshake, after: timeout) {
                eventLoop.execute { handler.value.expireHandshake(handshake) }
            }
        }
        return try await negotiated()
    }

    /// The value of `future`; when `timeout` passes on the connection's clock first, `expire` fails the future.
    private func expiring<Value: Sendable>(
        _ future: EventLoopFuture<Value>, after timeout: Duration, expire: @escaping @Sendable () -> Void
    ) async throws -> Value {
        let clock = self.clock
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await clock.sleep(for: timeout)
                expire()
            }
            defer { group.cancelAll() }
            return try await future.get()
        }
    }

    /// Runs `operation`; if the task is cancelled meanwhile (or already was), closes the channel, which fails what
    /// the operation waits for.
    private func closingOnCancel<Value: Sendable>(
        _ operation: () async throws -> Value
    ) async throws -> Value {
        let channel = self.channel
        return try await withTaskCancellationHandler(operation: operation) { channel.close(promise: nil) }
    }

    /// Adds TLS to the connection after the server's 220 to STARTTLS and waits for the handshake.
    public func startTLS(serverName: String?, timeout: Duration) async throws -> NegotiatedTLS {
        let context = try TLSClientContext.make()
        let handler = self.handler
        let chain = presentedChain
        let channel = self.channel
        let eventLoop = channel.eventLoop
        try await closingOnCancel {
            let handshake = try await eventLoop.submit { () -> EventLoopFuture<Void> in
                handler.value.resetTLS()
                try channel.pipeline.syncOperations.addHandler(
                    TLSClientContext.handler(context, serverName: serverName, chain: chain), position: .first)
                return handler.value.handshake(on: eventLoop)
            }.get()
            try await expiring(handshake, after: timeout) {
                eventLoop.execute { handler.value.expireHandshake(handshake) }
            }
        }
        return try await negotiated()
    }

    private func negotiated() async throws -> NegotiatedTLS {
        let channel = self.channel
        let version = try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).tlsVersion
        }.get()
        return NegotiatedTLS(version: version.map(NegotiatedTLS.name), chain: presentedChain.withLockedValue { $0 })
    }

    /// The first bytes the server sent, before TLS decoding.
    public var firstBytesReceived: [UInt8] { firstBytes.withLockedValue { $0 } }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }
}

/// What a TLS handshake negotiated.
public struct NegotiatedTLS: Sendable {
    /// `TLSv1.2`, `TLSv1.3`, …
    public var version: String?
    /// The certificates the server presented, leaf first.
    public var chain: [NIOSSLCertificate]

    static func name(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: return "TLSv1.0"
        case .tlsv11: return "TLSv1.1"
        case .tlsv12: return "TLSv1.2"
        case .tlsv13: return "TLSv1.3"
        }
    }
}

/// The client side of TLS: accepts any chain during the handshake and keeps it, so that the probe can check it
/// itself and say *why* it fails (untrusted, expired, wrong name) instead of only that it failed.
enum TLSClientContext {
    static func make() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .noHostnameVerification
        return try NIOSSLContext(configuration: configuration)
    }

    static func handler(
        _ context: NIOSSLContext, serverName: String?, chain: NIOLockedValueBox<[NIOSSLCertificate]>
    ) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverName) { certificates, promise in
            chain.withLockedValue { $0 = certificates }
            promise.succeed(.certificateVerified)
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }
}

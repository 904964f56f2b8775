import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Fetches `https://<host>/.well-known/mta-sts.txt` with full certificate validation (system roots plus any
/// configured extra roots, the host name checked against the certificate), a deadline and a size limit.
public struct HTTPSPolicyFetcher: Sendable {
    /// The trust roots, port, timeout and size limit.
    public let configuration: PolicyFetchConfiguration
    private let group: any EventLoopGroup

    /// The path of the policy file (RFC 8461 section 3.3).
    public static let path = "/.well-known/mta-sts.txt"

    /// Creates a fetcher.
    public init(
        configuration: PolicyFetchConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.group = group
    }

    /// Fetches the policy from `host` at `address`.
    public func fetch(host: String, address: IPAddress) async -> PolicyFetchOutcome {
        let context: NIOSSLContext
        let socketAddress: SocketAddress
        do {
            context = try NIOSSLContext(configuration: try tlsConfiguration())
            socketAddress = try SocketAddress(ipAddress: address.description, port: configuration.port)
        } catch {
            return .failed("the HTTPS client could not be set up: \(error)")
        }
        let loop = group.next()
        let promise = loop.makePromise(of: [UInt8].self)
        let timeout = TimeAmount.nanoseconds(Int64(configuration.timeout.nanoseconds))
        let timer = loop.scheduleTask(in: timeout) {
            promise.fail(PolicyFetchFailure.other("no complete answer within \(configuration.timeout)"))
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        let limit = configuration.maximumBytes
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(NIOSSLClientHandler(context: context, serverHostname: host))
                        try sync.addHandler(HTTPResponseCollector(promise: promise, limit: limit, host: host))
                    }
                }
                .connect(to: socketAddress).get()
        } catch {
            promise.fail(PolicyFetchFailure.other("\(error)"))
            return .failed("connecting to \(address) port \(configuration.port) failed: \(error)")
        }
        defer { channel.close(promise: nil) }
        let request =
            "GET \(Self.path) HTTP/1.0\r\nHost: \(host)\r\nUser-Agent: smtp-doctor\r\nAccept: text/plain\r\n"
            + "Connection: close\r\n\r\n"
        channel.writeAndFlush(ByteBuffer(string: request), promise: nil)
        do {
            let bytes = try await promise.futureResult.get()
            return HTTPResponseParser.parse(bytes, limit: limit)
        } catch PolicyFetchFailure.certificate(let why) {
            return .certificateRejected(why)
        } catch PolicyFetchFailure.other(let why) {
            return .failed(why)
        } catch {
            return .failed("\(error)")
        }
    }

    private func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let pem = configuration.additionalTrustRootsPEM {
            tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))]
        }
        return tls
    }
}

/// Why the collector gave up.
enum PolicyFetchFailure: Error {
    /// The handshake failed: certificate validation or TLS itself.
    case certificate(String)
    /// Anything else.
    case other(String)
}

/// Collects the raw response until the server closes, refusing more than `limit` bytes of body and headers.
private final class HTTPResponseCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<[UInt8]>
    private let limit: Int
    private let host: String
    private var received: [UInt8] = []
    private var handshakeDone = false

    /// Room for the status line and headers on top of the body's limit.
    private static let headerAllowance = 16_384

    init(promise: EventLoopPromise<[UInt8]>, limit: Int, host: String) {
        self.promise = promise
        self.limit = limit
        self.host = host
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        received += buffer.readableBytesView
        if received.count > limit + Self.headerAllowance {
            promise.fail(PolicyFetchFailure.other("the response is larger than \(limit) bytes"))
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            handshakeDone = true
            // NIOSSL also accepts a certificate that names only the connected IP address; MTA-STS requires the
            // policy host's name (RFC 8461 section 3.3).
            let peer = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
            guard let peer, CertificateNames.dnsNames(of: peer).contains(where: { CertificateNames.matches($0, host) })
            else {
                promise.fail(PolicyFetchFailure.certificate("the certificate does not name \(host)"))
                context.close(promise: nil)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if handshakeDone {
            promise.succeed(received)
        } else {
            promise.fail(PolicyFetchFailure.other("the server closed the connection during the TLS handshake"))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if handshakeDone {
            // A server that closes without close_notify still delivered what it sent.
            if case NIOSSLError.uncleanShutdown = error { return }
            promise.fail(PolicyFetchFailure.other("\(error)"))
        } else if error is NIOSSLError || error is NIOSSLExtraError {
            promise.fail(PolicyFetchFailure.certificate("\(error)"))
        } else {
            promise.fail(PolicyFetchFailure.other("\(error)"))
        }
        context.close(promise: nil)
    }
}

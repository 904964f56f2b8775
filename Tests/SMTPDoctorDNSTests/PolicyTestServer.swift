import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SMTPTestServer

/// An HTTPS server on 127.0.0.1 that serves MTA-STS policy files by the request's Host header (404 for others),
/// with a certificate made at test time.
final class PolicyTestServer: Sendable {
    /// The port it listens on.
    let port: Int
    private let channel: any Channel

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    /// Starts a server presenting `identity` and answering `policies[host]`.
    static func start(identity: ServerIdentity, policies: [String: String]) async throws -> PolicyTestServer {
        let chain = try identity.certificateChainPEM.map { try NIOSSLCertificate(bytes: Array($0.utf8), format: .pem) }
        let key = try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem)
        let context = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try child.pipeline.syncOperations.addHandler(PolicyRequestHandler(policies: policies))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return PolicyTestServer(port: channel.localAddress?.port ?? 0, channel: channel)
    }

    /// Stops listening.
    func stop() async {
        try? await channel.close()
    }
}

/// Reads one request's head and answers with the policy of its Host, then closes.
private final class PolicyRequestHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let policies: [String: String]
    private var request = ""

    init(policies: [String: String]) {
        self.policies = policies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        request += String(buffer: unwrapInboundIn(data))
        guard request.contains("\r\n\r\n") else { return }
        let host = request.split(separator: "\r\n").first { $0.lowercased().hasPrefix("host:") }
            .map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces).lowercased() }
        let path = request.split(separator: " ").dropFirst().first.map(String.init)
        let response: String
        if let host, let body = policies[host], path == "/.well-known/mta-sts.txt" {
            response =
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Connection: close\r\n\r\n\(body)"
        } else {
            response = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response))).whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

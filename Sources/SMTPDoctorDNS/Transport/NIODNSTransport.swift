import NIOCore
import NIOPosix

/// The real transport: UDP datagrams and length-prefixed TCP on SwiftNIO.
public struct NIODNSTransport: DNSTransport {
    private let group: any EventLoopGroup

    /// Creates a transport on the given event loops (the shared ones by default).
    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    public func exchange(_ query: [UInt8], with server: DNSServerAddress, overTCP: Bool, timeout: Duration)
        async throws -> [UInt8]
    {
        let address: SocketAddress
        do {
            address = try SocketAddress(ipAddress: server.host, port: server.port)
        } catch {
            throw DNSTransportError.unreachable("\(server) is not an address")
        }
        let loop = group.next()
        let promise = loop.makePromise(of: [UInt8].self)
        let timer = loop.scheduleTask(in: .nanoseconds(Int64(timeout.nanoseconds))) {
            promise.fail(DNSTransportError.timeout)
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        let channel: any Channel
        do {
            if overTCP {
                channel = try await ClientBootstrap(group: loop)
                    .connectTimeout(.nanoseconds(Int64(timeout.nanoseconds)))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(TCPReplyHandler(promise: promise))
                        }
                    }
                    .connect(to: address).get()
                var buffer = channel.allocator.buffer(capacity: query.count + 2)
                buffer.writeInteger(UInt16(query.count))
                buffer.writeBytes(query)
                try await channel.writeAndFlush(buffer).get()
            } else {
                let id = query.count >= 2 ? UInt16(query[0]) << 8 | UInt16(query[1]) : 0
                channel = try await DatagramBootstrap(group: loop)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                UDPReplyHandler(promise: promise, server: address, id: id))
                        }
                    }
                    .bind(host: address.protocol == .inet6 ? "::" : "0.0.0.0", port: 0).get()
                let buffer = channel.allocator.buffer(bytes: query)
                try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: buffer)).get()
            }
        } catch let error as DNSTransportError {
            promise.fail(error)
            throw error
        } catch {
            let failure = DNSTransportError.unreachable("\(server): \(error)")
            promise.fail(failure)
            throw failure
        }
        defer { channel.close(promise: nil) }
        return try await promise.futureResult.get()
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var nanoseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds < Int64(Int.max / 1_000_000_000) else { return Int.max }
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }
}

/// Completes the promise with the first datagram from the server that carries the query's id.
private final class UDPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let promise: EventLoopPromise<[UInt8]>
    private let server: SocketAddress
    private let id: UInt16

    init(promise: EventLoopPromise<[UInt8]>, server: SocketAddress, id: UInt16) {
        self.promise = promise
        self.server = server
        self.id = id
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        var buffer = envelope.data
        // Datagrams from elsewhere, or with another id, are not the answer (and may be spoofed); keep waiting.
        guard envelope.remoteAddress == server, buffer.getInteger(at: buffer.readerIndex, as: UInt16.self) == id,
            let bytes = buffer.readBytes(length: buffer.readableBytes)
        else { return }
        promise.succeed(bytes)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(DNSTransportError.unreachable("\(error)"))
    }
}

/// Collects one length-prefixed DNS message from a TCP stream.
private final class TCPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<[UInt8]>
    private var received: ByteBuffer?

    init(promise: EventLoopPromise<[UInt8]>) {
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        if received == nil {
            received = chunk
        } else {
            received?.writeBuffer(&chunk)
        }
        guard var buffer = received, let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
            buffer.readableBytes >= Int(length) + 2
        else { return }
        buffer.moveReaderIndex(forwardBy: 2)
        promise.succeed(buffer.readBytes(length: Int(length)) ?? [])
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(DNSTransportError.malformedStream)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(DNSTransportError.unreachable("\(error)"))
    }
}

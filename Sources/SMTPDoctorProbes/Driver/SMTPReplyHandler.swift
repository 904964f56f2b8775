import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import NIOTLS

/// Splits what the server sends into lines, joins them into replies and hands them out one at a time.
///
/// Why not `NIOAsyncChannel`: a per-step deadline on an async iterator needs the iterator in a child task, and the
/// iterator cannot leave its task. A promise per awaited reply gives the same structure, the driver fails it when
/// the step's time runs out on its clock (``expireReply(_:)``), and the handler also sees the TLS handshake events
/// that the async channel does not pass on.
///
/// It guards against hostile servers: a line longer than the limit, a reply with too many lines, TLS records where
/// text belongs and anything that is not an SMTP reply fail the waiting step at once.
final class SMTPReplyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// The error of a step whose reply did not come.
    enum Failure: Error, Sendable {
        case timeout
        case closed
        case decoding(SMTPReplyDecoder.Problem)
        case other(String)
    }

    private var buffer = ByteBuffer()
    private var decoder: SMTPReplyDecoder
    private var ready = CircularBuffer<SMTPReply>()
    private var failure: Failure?
    private var waiter: EventLoopPromise<SMTPReply>?
    private var tlsOutcome: Result<Void, any Error>?
    private var tlsWaiter: EventLoopPromise<Void>?
    private var receivedAnything = false

    init(limits: SMTPReplyDecoder.Limits) {
        self.decoder = SMTPReplyDecoder(limits: limits)
    }

    // MARK: - Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        receivedAnything = true
        buffer.writeBuffer(&bytes)
        process()
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        finishTLS(.failure(Failure.closed))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if tlsOutcome == nil, error is NIOSSLError || error is BoringSSLError {
            finishTLS(.failure(error))
        }
        fail(.other(String(describing: error)))
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { finishTLS(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    private func process() {
        let limit = decoder.limits.maximumLineLength
        while failure == nil {
            let view = buffer.readableBytesView
            if let first = view.first, first == 0x16 || first == 0x15, view.count >= 2,
                view[view.startIndex + 1] == 0x03
            {
                fail(.decoding(.tlsData))
                return
            }
            guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
                if view.count > limit + 2 { fail(.decoding(.lineTooLong(limit: limit))) }
                break
            }
            let length = newline - view.startIndex
            let line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            do {
                if let reply = try decoder.decode(line: line) { deliver(reply) }
            } catch {
                fail(.decoding(error))
            }
        }
        buffer.discardReadBytes()
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiter {
            self.waiter = nil
            waiter.succeed(reply)
        } else {
            ready.append(reply)
        }
    }

    private func fail(_ failure: Failure) {
        if self.failure == nil { self.failure = failure }
        if let waiter {
            self.waiter = nil
            waiter.fail(self.failure ?? failure)
        }
    }

    private func finishTLS(_ outcome: Result<Void, any Error>) {
        guard tlsOutcome == nil else { return }
        tlsOutcome = outcome
        if let tlsWaiter {
            self.tlsWaiter = nil
            tlsWaiter.completeWith(outcome)
        }
    }

    // MARK: - Used by the driver, on the event loop

    /// The next reply; it fails when the connection fails or closes, or when the driver expires it.
    func nextReply(on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if let received = takeReceived() { return eventLoop.makeCompletedFuture(received.mapError { $0 }) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiter = promise
        return promise.futureResult
    }

    /// What a read would get without waiting: a reply already received, or the reason the connection failed; nil
    /// while the connection is open and nothing waits to be read.
    func takeReceived() -> Result<SMTPReply, Failure>? {
        if let reply = ready.popFirst() { return .success(reply) }
        return failure.map { .failure($0) }
    }

    /// Fails the wait for `reply` with a timeout, if it still waits; a later read fails at once too, since the reply
    /// that did not come would be taken for the next one's.
    func expireReply(_ reply: EventLoopFuture<SMTPReply>) {
        guard let waiter, waiter.futureResult === reply else { return }
        self.waiter = nil
        failure = failure ?? .timeout
        waiter.fail(Failure.timeout)
    }

    /// The end of the TLS handshake; it fails when the handshake or the connection fails, or when the driver expires
    /// it.
    func handshake(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        if let tlsOutcome { return eventLoop.makeCompletedFuture(tlsOutcome) }
        let promise = eventLoop.makePromise(of: Void.self)
        tlsWaiter = promise
        return promise.futureResult
    }

    /// Fails the wait for `handshake` with a timeout, if it still waits.
    func expireHandshake(_ handshake: EventLoopFuture<Void>) {
        guard let tlsWaiter, tlsWaiter.futureResult === handshake else { return }
        finishTLS(.failure(Failure.timeout))
    }

    /// Forget a TLS outcome so that a STARTTLS handshake can be awaited.
    func resetTLS() {
        tlsOutcome = nil
    }
}

/// Keeps the first bytes the server sent, before any TLS decoding, to recognise a plaintext greeting answering a
/// TLS hello; and tells an observer how many bytes arrive, each time some do.
final class FirstBytesRecorder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let store: NIOLockedValueBox<[UInt8]>
    private let onReceive: (@Sendable (Int) -> Void)?

    init(store: NIOLockedValueBox<[UInt8]>, onReceive: (@Sendable (Int) -> Void)?) {
        self.store = store
        self.onReceive = onReceive
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        store.withLockedValue { first in
            if first.count < 32 { first += bytes.readableBytesView.prefix(32 - first.count) }
        }
        onReceive?(bytes.readableBytes)
        context.fireChannelRead(data)
    }
}

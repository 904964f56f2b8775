import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import NIOTLS

/// Splits what the server sends into lines, joins them into replies and hands them out one at a time, each with
/// its own timeout.
///
/// Why not `NIOAsyncChannel`: a per-step deadline on an async iterator needs the iterator in a child task, and the
/// iterator cannot leave its task. Promises with a timer scheduled on the event loop give the same structure with
/// exact deadlines, and the handler also sees the TLS handshake events that the async channel does not pass on.
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
    private var waiter: (promise: EventLoopPromise<SMTPReply>, timer: Scheduled<Void>)?
    private var tlsOutcome: Result<Void, Error>?
    private var tlsWaiter: (promise: EventLoopPromise<Void>, timer: Scheduled<Void>)?
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

    func errorCaught(context: ChannelHandlerContext, error: Error) {
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
            waiter.timer.cancel()
            waiter.promise.succeed(reply)
        } else {
            ready.append(reply)
        }
    }

    private func fail(_ failure: Failure) {
        if self.failure == nil { self.failure = failure }
        if let waiter {
            self.waiter = nil
            waiter.timer.cancel()
            waiter.promise.fail(self.failure ?? failure)
        }
    }

    private func finishTLS(_ outcome: Result<Void, Error>) {
        guard tlsOutcome == nil else { return }
        tlsOutcome = outcome
        if let tlsWaiter {
            self.tlsWaiter = nil
            tlsWaiter.timer.cancel()
            tlsWaiter.promise.completeWith(outcome)
        }
    }

    // MARK: - Used by the driver, on the event loop

    /// The next reply, or a failure after `timeout`.
    func nextReply(on eventLoop: EventLoop, timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        if let reply = ready.popFirst() { return eventLoop.makeSucceededFuture(reply) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let timer = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard let waiter = self.waiter, waiter.promise.futureResult === promise.futureResult else { return }
            self.waiter = nil
            self.failure = self.failure ?? .timeout
            promise.fail(Failure.timeout)
        }
        waiter = (promise, timer)
        return promise.futureResult
    }

    /// The end of the TLS handshake, or a failure after `timeout`.
    func handshake(on eventLoop: EventLoop, timeout: TimeAmount) -> EventLoopFuture<Void> {
        if let tlsOutcome { return eventLoop.makeCompletedFuture(tlsOutcome) }
        let promise = eventLoop.makePromise(of: Void.self)
        let timer = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard self.tlsOutcome == nil else { return }
            self.finishTLS(.failure(Failure.timeout))
        }
        tlsWaiter = (promise, timer)
        return promise.futureResult
    }

    /// Forget a TLS outcome so that a STARTTLS handshake can be awaited.
    func resetTLS() {
        tlsOutcome = nil
    }
}

/// Keeps the first bytes the server sent, before any TLS decoding, to recognise a plaintext greeting answering a
/// TLS hello.
final class FirstBytesRecorder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let store: NIOLockedValueBox<[UInt8]>

    init(store: NIOLockedValueBox<[UInt8]>) {
        self.store = store
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        store.withLockedValue { first in
            if first.count < 32 { first += bytes.readableBytesView.prefix(32 - first.count) }
        }
        context.fireChannelRead(data)
    }
}

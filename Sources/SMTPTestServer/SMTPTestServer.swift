import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// Starts a test server with `script`, runs `body` with it and stops it, whether `body` returns or throws.
public func withSMTPTestServer<Value>(
    _ script: SMTPTestServerScript, host: String = "127.0.0.1", _ body: (SMTPTestServer) async throws -> Value
) async throws -> Value {
    let server = try await SMTPTestServer.start(script, host: host)
    do {
        let value = try await body(server)
        await server.stop()
        return value
    } catch {
        await server.stop()
        throw error
    }
}

/// A scriptable, fault-injecting SMTP server on 127.0.0.1 for tests.
///
/// ```swift
/// var script = SMTPTestServerScript()
/// script.tls = .starttls(try TestCertificates.server(signedBy: ca))
/// try await withSMTPTestServer(script) { server in
///     // probe 127.0.0.1:server.port …
/// }   // stopped here, whether the body returned or threw
/// ```
public final class SMTPTestServer: Sendable {
    /// A command the server received, and whether TLS protected it.
    public struct Received: Sendable, Hashable {
        public var line: String
        public var overTLS: Bool
    }

    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let log: NIOLockedValueBox<[Received]>
    private let greetings: GreetingGate

    private init(port: Int, channel: any Channel, log: NIOLockedValueBox<[Received]>, greetings: GreetingGate) {
        self.port = port
        self.channel = channel
        self.log = log
        self.greetings = greetings
    }

    /// Every line the server received, in order (AUTH payloads included: tests check what was sent in clear).
    public var received: [Received] { log.withLockedValue { $0 } }

    /// Starts a server on a free port of 127.0.0.1.
    public static func start(_ script: SMTPTestServerScript, host: String = "127.0.0.1") async throws -> SMTPTestServer
    {
        let log = NIOLockedValueBox<[Received]>([])
        let greetings = GreetingGate(open: !script.holdsGreeting)
        let context = try script.tls.identity.map { try makeContext($0, script: script) }
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if case .implicit = script.tls, let context {
                        try sync.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try sync.addHandler(
                        ScriptedSMTPHandler(
                            script: script, tlsContext: context,
                            implicit: { if case .implicit = script.tls { return true } else { return false } }(),
                            log: log, greetings: greetings))
                }
            }
        let channel = try await bootstrap.bind(host: host, port: 0).get()
        guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        return SMTPTestServer(port: port, channel: channel, log: log, greetings: greetings)
    }

    /// Greets on every connection that waits for its greeting (``SMTPTestServerScript/holdsGreeting``), and at once
    /// on every later one.
    public func releaseGreetings() {
        greetings.open()
    }

    /// Stops listening.
    public func stop() async {
        try? await channel.close()
    }

    static func makeContext(_ identity: ServerIdentity, script: SMTPTestServerScript) throws -> NIOSSLContext {
        let chain = try identity.certificateChainPEM.map { try NIOSSLCertificate(bytes: Array($0.utf8), format: .pem) }
        let key = try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        switch script.maximumTLSVersion {
        case .tls10?:
            configuration.minimumTLSVersion = .tlsv1
            configuration.maximumTLSVersion = .tlsv1
        case .tls11?:
            configuration.minimumTLSVersion = .tlsv1
            configuration.maximumTLSVersion = .tlsv11
        case .tls12?:
            configuration.maximumTLSVersion = .tlsv12
        case nil:
            break
        }
        return try NIOSSLContext(configuration: configuration)
    }
}

/// One scripted SMTP session.
final class ScriptedSMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let script: SMTPTestServerScript
    private let tlsContext: NIOSSLContext?
    private let log: NIOLockedValueBox<[ScriptedSMTPHandler.Entry]>
    private let greetings: GreetingGate
    typealias Entry = SMTPTestServer.Received
    private var buffer = ByteBuffer()
    private var tlsActive: Bool
    private var authenticated = false
    private var inData = false
    private var login: (stage: Int, username: String)?
    private var awaitingXOAUTH2Ack = false
    private var awaitingPlainResponse = false
    private var closed = false

    init(
        script: SMTPTestServerScript, tlsContext: NIOSSLContext?, implicit: Bool, log: NIOLockedValueBox<[Entry]>,
        greetings: GreetingGate
    ) {
        self.script = script
        self.tlsContext = tlsContext
        self.tlsActive = implicit
        self.log = log
        self.greetings = greetings
    }

    func channelActive(context: ChannelHandlerContext) {
        let greet = { [self] in
            switch script.greeting {
            case .reply(let code, let text):
                if let last = script.hangUpAfterGreeting {
                    // One write, so that the client reads both replies and the end of the connection together.
                    send(context, "\(code) \(text)\r\n\(last.code) \(last.text)")
                    context.close(promise: nil)
                } else {
                    send(context, "\(code) \(text)")
                }
            case .silent: break
            case .close: context.close(promise: nil)
            case .garbage(let text): send(context, text)
            case .endlessLine:
                drip(context, chunk: String(repeating: "x", count: 16_384), remaining: 64, prefix: "220 ")
            case .endlessContinuation:
                drip(
                    context, chunk: String(repeating: "220-more of the same\r\n", count: 500), remaining: 200,
                    prefix: "")
            }
        }
        let eventLoop = context.eventLoop
        let greeting = NIOLoopBound(greet, eventLoop: eventLoop)
        if !greetings.hold({ eventLoop.execute { greeting.value() } }) { greet() }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            var line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            handle(line, context: context)
            if closed { return }
        }
        buffer.discardReadBytes()
    }

    // MARK: - The dialogue

    private func handle(_ line: String, context: ChannelHandlerContext) {
        if inData {
            if line == "." {
                inData = false
                reply(context, verb: "DATA-END", "250 2.0.0 Ok: queued as TEST0001")
            }
            return
        }
        log.withLockedValue { $0.append(Entry(line: line, overTLS: tlsActive)) }
        if let login {
            continueLogin(login, line: line, context: context)
            return
        }
        if awaitingXOAUTH2Ack {
            awaitingXOAUTH2Ack = false
            reply(context, verb: "AUTH", "535 5.7.8 Username and Password not accepted")
            return
        }
        if awaitingPlainResponse {
            awaitingPlainResponse = false
            finishPlain(line, context: context)
            return
        }
        let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
        if let closeOn = script.closeOn, closeOn.uppercased() == verb {
            context.close(promise: nil)
            closed = true
            return
        }
        switch verb {
        case "EHLO":
            if script.rejectEHLO { return reply(context, verb: verb, "502 5.5.2 Error: command not recognized") }
            var lines = [script.hostname] + script.capabilities
            if case .starttls = script.tls, !tlsActive { lines.append("STARTTLS") }
            if !script.authMechanisms.isEmpty, tlsActive || script.offerAuthBeforeTLS {
                lines.append("AUTH " + script.authMechanisms.joined(separator: " "))
            }
            reply(context, verb: verb, multiline(250, lines))
        case "HELO":
            reply(context, verb: verb, "250 \(script.hostname)")
        case "STARTTLS":
            if let custom = script.startTLSReply { return reply(context, verb: verb, "\(custom.code) \(custom.text)") }
            guard case .starttls = script.tls, !tlsActive, let tlsContext else {
                return reply(context, verb: verb, "502 5.5.1 Error: command not implemented")
            }
            unlessUnanswered(verb) { [self] in
                send(context, "220 2.0.0 Ready to start TLS")
                tlsActive = true
                try? context.pipeline.syncOperations.addHandler(
                    NIOSSLServerHandler(context: tlsContext), position: .first)
            }
        case "AUTH":
            auth(line, context: context)
        case "MAIL":
            if case .mailReply(let code, let text) = script.relay {
                return reply(context, verb: verb, "\(code) \(text)")
            }
            reply(context, verb: verb, "250 2.1.0 Ok")
        case "RCPT":
            let recipient = line.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
            switch script.relay {
            case .open, .mailReply: reply(context, verb: verb, "250 2.1.5 Ok")
            case .authenticatedOnly:
                reply(
                    context, verb: verb, authenticated ? "250 2.1.5 Ok" : "554 5.7.1 \(recipient): Relay access denied")
            case .rcptReply(let code, let text): reply(context, verb: verb, "\(code) \(text)")
            }
        case "DATA":
            inData = true
            reply(context, verb: verb, "354 End data with <CR><LF>.<CR><LF>")
        case "RSET", "NOOP":
            reply(context, verb: verb, "250 2.0.0 Ok")
        case "QUIT":
            unlessUnanswered(verb) { [self] in
                send(context, "221 2.0.0 Bye")
                context.close(promise: nil)
            }
        default:
            reply(context, verb: verb, "502 5.5.2 Error: command not recognized")
        }
    }

    private func auth(_ line: String, context: ChannelHandlerContext) {
        let words = line.split(separator: " ").map(String.init)
        let mechanism = words.count > 1 ? words[1].uppercased() : ""
        if script.requireTLSForAuth, !tlsActive {
            return reply(context, verb: "AUTH", "538 5.7.11 Encryption required for requested authentication mechanism")
        }
        guard script.authMechanisms.contains(mechanism) else {
            return reply(context, verb: "AUTH", "504 5.5.4 Unrecognized authentication type")
        }
        if let scripted = scriptedAuthReply {
            if mechanism == "LOGIN", words.count == 2 {
                login = (0, "")
                return reply(context, verb: "AUTH-334", "334 VXNlcm5hbWU6")
            }
            return reply(context, verb: "AUTH", scripted)
        }
        switch mechanism {
        case "PLAIN":
            if words.count > 2 {
                finishPlain(words[2], context: context)
            } else {
                awaitingPlainResponse = true
                reply(context, verb: "AUTH-334", "334 ")
            }
        case "LOGIN":
            login = (0, "")
            reply(context, verb: "AUTH-334", "334 VXNlcm5hbWU6")
        case "XOAUTH2":
            awaitingXOAUTH2Ack = true
            reply(
                context, verb: "AUTH-334",
                "334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==")
        default:
            reply(context, verb: "AUTH", "504 5.5.4 Unrecognized authentication type")
        }
    }

    private func finishPlain(_ payload: String, context: ChannelHandlerContext) {
        let decoded = Data(base64Encoded: payload).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let parts = decoded.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
        let username = parts.count == 3 ? parts[1] : ""
        let password = parts.count == 3 ? parts[2] : ""
        verdict(username: username, password: password, context: context)
    }

    private func continueLogin(_ state: (stage: Int, username: String), line: String, context: ChannelHandlerContext) {
        let decoded = Data(base64Encoded: line).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if state.stage == 0 {
            login = (1, decoded)
            reply(context, verb: "AUTH-334", "334 UGFzc3dvcmQ6")
        } else {
            login = nil
            if let scripted = scriptedAuthReply { return reply(context, verb: "AUTH", scripted) }
            verdict(username: state.username, password: decoded, context: context)
        }
    }

    /// The reply the script sets for AUTH whatever was sent, on the wire; `nil` when the server checks credentials.
    private var scriptedAuthReply: String? {
        switch script.auth {
        case .credentials: return nil
        case .reply(let code, let text): return "\(code) \(text)"
        case .replyLines(let code, let lines): return multiline(code, lines)
        }
    }

    private func verdict(username: String, password: String, context: ChannelHandlerContext) {
        guard case .credentials(let expectedUser, let expectedPassword) = script.auth else { return }
        if username == expectedUser, password == expectedPassword {
            authenticated = true
            reply(context, verb: "AUTH", "235 2.7.0 Authentication successful")
        } else {
            reply(context, verb: "AUTH", "535 5.7.8 Error: authentication failed: authentication failure")
        }
    }

    // MARK: - Writing

    private func reply(_ context: ChannelHandlerContext, verb: String, _ text: String) {
        unlessUnanswered(verb) { [self] in send(context, text) }
    }

    /// Runs `body`, the answer to `verb`, unless the script says this verb is never answered.
    private func unlessUnanswered(_ verb: String, _ body: () -> Void) {
        let key = verb.split(separator: "-").first.map(String.init) ?? verb
        if script.unanswered.contains(key) { return }
        body()
    }

    private func send(_ context: ChannelHandlerContext, _ text: String) {
        guard !closed else { return }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    /// Writes `chunk` `remaining` times, one chunk per event-loop tick, so a bounded flood never ends by itself
    /// before the client gives up.
    private func drip(_ context: ChannelHandlerContext, chunk: String, remaining: Int, prefix: String) {
        guard !closed, remaining > 0 else { return }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: prefix + chunk)), promise: nil)
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(1)) { [self] in
            drip(context, chunk: chunk, remaining: remaining - 1, prefix: "")
        }
    }

    private func multiline(_ code: Int, _ lines: [String]) -> String {
        lines.enumerated().map { index, line in "\(code)\(index == lines.count - 1 ? " " : "-")\(line)" }
            .joined(separator: "\r\n")
    }
}

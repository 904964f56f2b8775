import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Probes one SMTP server on one port: resolve, connect, greeting, EHLO, TLS, AUTH, the relay test, QUIT.
///
/// Each step has its own timeout and the whole probe a deadline, on the probe's clock (the continuous clock, or a
/// manual one in tests, so that a timeout is tested without waiting for it; only the connect timeout is the
/// socket's own). What the server does is recorded in a ``ProbeReport``; `run()` does not throw.
///
/// ```swift
/// let report = await SMTPProbe(ProbeConfiguration(host: "mail.example.com", port: 587)).run()
/// print(report.verdict)   // Success, TLS Error, …
/// ```
public struct SMTPProbe: Sendable {
    public let configuration: ProbeConfiguration
    /// The clock the step timeouts and the deadline run on.
    public let clock: any Clock<Duration>

    /// Creates a probe.
    /// - Parameters:
    ///   - configuration: what to probe and how.
    ///   - clock: the clock the step timeouts and the deadline run on.
    public init(_ configuration: ProbeConfiguration, clock: any Clock<Duration> = ContinuousClock()) {
        self.configuration = configuration
        self.clock = clock
    }

    /// Runs the probe.
    ///
    /// - Parameters:
    ///   - onStep: called with each step as soon as it completes, for a page that shows the steps live.
    ///   - onReceive: called with the number of bytes each time a connection of the probe receives some, before
    ///     they are decoded; so that a clock moved by hand passes a timeout only after what the server sent came.
    public func run(
        onStep: (@Sendable (ProbeStep) -> Void)? = nil, onReceive: (@Sendable (Int) -> Void)? = nil
    ) async -> ProbeReport {
        var run = Run(configuration, clock: clock, onStep: onStep, onReceive: onReceive)
        await run.execute()
        return run.report
    }
}

/// The state of one run: the clock, the report being filled in, the redactor.
private struct Run {
    let configuration: ProbeConfiguration
    let clock: any Clock<Duration>
    /// The time since the run started, on `clock`.
    let elapsed: @Sendable () -> Duration
    let redact: Redactor
    let onStep: (@Sendable (ProbeStep) -> Void)?
    let onReceive: (@Sendable (Int) -> Void)?
    var report: ProbeReport

    init(
        _ configuration: ProbeConfiguration, clock: any Clock<Duration>, onStep: (@Sendable (ProbeStep) -> Void)?,
        onReceive: (@Sendable (Int) -> Void)?
    ) {
        self.configuration = configuration
        self.clock = clock
        self.onStep = onStep
        self.onReceive = onReceive
        elapsed = Self.stopwatch(clock)
        redact = Redactor(credentials: configuration.credentials)
        let mode = configuration.tlsMode.effective(port: configuration.port)
        report = ProbeReport(
            host: configuration.host, port: configuration.port, requestedMode: configuration.tlsMode, mode: mode)
        report.credentialsGiven = configuration.credentials != nil
        report.envelopeGiven = configuration.envelope != nil
    }

    var now: Duration { elapsed() }

    /// The time a step may take: its own timeout, or what is left of the deadline.
    func budget(_ step: Duration) -> Duration {
        max(.zero, min(step, configuration.timeouts.overall - now))
    }

    /// The time since now on `clock`, whatever its instants are.
    private static func stopwatch<C: Clock>(_ clock: C) -> @Sendable () -> Duration where C.Duration == Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    mutating func note(_ text: String) {
        report.transcript.append(TranscriptEntry(direction: .note, text: redact(text), at: now))
    }

    mutating func record(_ kind: ProbeStepKind, since started: Duration, _ outcome: ProbeStep.Outcome, _ detail: String)
    {
        let step = ProbeStep(
            kind: kind, outcome: outcome, started: started, duration: now - started, detail: redact(detail))
        report.steps.append(step)
        onStep?(step)
    }

    // MARK: - The run

    mutating func execute() async {
        defer { report.elapsed = now }
        let timeouts = configuration.timeouts
        let host = configuration.host
        let port = configuration.port

        // Resolve.
        var started = now
        let addresses: [SocketAddress]
        do {
            let pinned = configuration.pinnedAddresses.compactMap { try? SocketAddress(ipAddress: $0, port: port) }
            addresses =
                pinned.isEmpty
                ? try await HostResolver.resolve(host, port: port, timeout: budget(timeouts.resolve), clock: clock)
                : pinned
            report.addresses = addresses.map(\.textForm)
            record(
                .resolve, since: started, .ok,
                report.addresses.joined(separator: ", ") + (pinned.isEmpty ? "" : " (resolved and checked before)"))
        } catch {
            let failure: ResolveFailure
            switch error as? HostResolver.Failure {
            case .notFound: failure = .hostNotFound
            case .unavailable: failure = .resolverUnavailable
            case .timeout: failure = .timeout
            default: failure = .failed
            }
            report.resolveFailure = failure
            record(.resolve, since: started, .failed, "\(host): \(failure.rawValue)")
            note("could not resolve \(host): \(failure.rawValue)")
            return
        }

        // Connect, trying every address in turn.
        let implicit = report.mode == .implicit
        let serverName = Self.isAddress(host) ? nil : host
        var connection: SMTPConnection?
        var failures: [(ConnectFailure, String)] = []
        for address in addresses {
            started = now
            guard budget(timeouts.connect) > .zero else { break }
            note("connecting to \(address.textForm)" + (implicit ? " with implicit TLS" : ""))
            do {
                connection = try await SMTPConnection.connect(
                    to: address, serverName: serverName, implicitTLS: implicit, timeout: budget(timeouts.connect),
                    limits: configuration.limits, clock: clock, onReceive: onReceive)
                report.connectedAddress = address.textForm
                record(.connect, since: started, .ok, address.textForm)
                break
            } catch {
                let failure = Self.classify(connectError: error)
                failures.append(failure)
                record(.connect, since: started, .failed, "\(address.textForm): \(failure.1)")
                note("\(address.textForm): \(failure.1)")
            }
        }
        guard var connection, let address = addresses.first(where: { $0.textForm == report.connectedAddress }) else {
            let chosen = failures.first { $0.0 != .timeout } ?? failures.first ?? (.timeout, "deadline passed")
            report.connectFailure = chosen.0
            report.connectError = chosen.1
            return
        }

        var machine = makeMachine()
        defer { report.session = machine.record.redacted(with: redact) }

        if implicit {
            started = now
            do {
                let tls = try await connection.awaitHandshake(timeout: budget(timeouts.tls))
                guard await accept(tls, since: started, machine: &machine) else {
                    await connection.close()
                    return
                }
            } catch {
                handshakeFailed(error, connection: connection, implicit: true, since: started, machine: &machine)
                await connection.close()
                return
            }
        }

        // The dialogue. With `auto`, a port that sends no plaintext greeting within a short window is tried with
        // implicit TLS on a second connection; if that fails too, the plaintext greeting gets its full timeout.
        var action: SMTPClientStateMachine.Action
        started = now
        let window = report.mode == .auto ? min(timeouts.firstGreeting, timeouts.greeting) : timeouts.greeting
        var greeting = await Self.read(connection, timeout: budget(window))
        var settledTLSMode = false
        if report.mode == .auto, configuration.checkModeMismatch, case .failure(let error) = greeting,
            Self.isNoPlaintextGreeting(error)
        {
            // Only a port that sent nothing (or TLS records) is tried with TLS: a server that sent part of its
            // greeting speaks plaintext, and a TLS hello would be talking out of turn (Postfix's postscreen).
            let silent = connection.firstBytesReceived.isEmpty || Self.isTLSData(error)
            settledTLSMode = true
            await connection.close()
            var switched = false
            if silent {
                note("no plaintext greeting within \(window.wholeMilliseconds) ms: trying implicit TLS")
                if let (tlsConnection, tls) = await implicitTLS(on: address, serverName: serverName) {
                    connection = tlsConnection
                    report.mode = .implicit
                    report.implicitFallback = true
                    machine = makeMachine()
                    guard await accept(tls, since: now, machine: &machine) else {
                        await connection.close()
                        return
                    }
                    started = now
                    greeting = await Self.read(connection, timeout: budget(timeouts.greeting))
                    switched = true
                }
            } else {
                note("only part of a greeting within \(window.wholeMilliseconds) ms")
            }
            if !switched, window < timeouts.greeting, let plain = await reconnect(to: address, serverName: serverName) {
                connection = plain
                started = now
                greeting = await Self.read(connection, timeout: budget(timeouts.greeting))
            }
        }
        switch greeting {
        case .success(let reply):
            log(reply)
            record(.greeting, since: started, reply.code == 220 ? .ok : .failed, redact(reply).summary)
            action = machine.received(reply)
        case .failure(let error):
            action = machine.failed(stop(for: error, at: .greeting))
            record(.greeting, since: started, .failed, describe(error))
        }
        loop: while true {
            switch action {
            case .send(let command, let step):
                started = now
                report.transcript.append(TranscriptEntry(direction: .client, text: command.transcript, at: now))
                do {
                    let reply = try await connection.exchange(command, timeout: budget(timeouts.command))
                    log(reply)
                    let previous = machine.record.stop
                    action = machine.received(reply)
                    let failed = machine.record.stop != previous && machine.record.stop?.step == step
                    if step == .auth, reply.code == 334 { continue }
                    record(step, since: started, failed ? .failed : .ok, redact(reply).summary)
                } catch {
                    action = machine.failed(stop(for: error, at: step))
                    record(step, since: started, .failed, describe(error))
                }
            case .startTLS:
                started = now
                do {
                    let tls = try await connection.startTLS(serverName: serverName, timeout: budget(timeouts.tls))
                    guard await accept(tls, since: started, machine: &machine) else {
                        action = .finish
                        continue
                    }
                    action = machine.tlsEstablished()
                } catch {
                    handshakeFailed(error, connection: connection, implicit: false, since: started, machine: &machine)
                    action = .close
                }
            case .finish:
                started = now
                report.transcript.append(TranscriptEntry(direction: .client, text: "QUIT", at: now))
                do {
                    let reply = try await connection.exchange(
                        .quit, timeout: budget(min(timeouts.command, .seconds(2))))
                    log(reply)
                    record(.quit, since: started, .ok, redact(reply).summary)
                } catch {
                    record(.quit, since: started, .failed, describe(error))
                }
                break loop
            case .close:
                break loop
            }
        }
        await connection.close()
        note("connection closed")

        if configuration.checkModeMismatch, !implicit, !settledTLSMode {
            await checkImplicitTLS(on: address, serverName: serverName, stop: machine.record.stop)
        }
    }

    /// A state machine for the session in the report's TLS mode.
    private func makeMachine() -> SMTPClientStateMachine {
        SMTPClientStateMachine(
            plan: .init(
                tlsMode: report.mode, heloName: configuration.heloName, credentials: configuration.credentials,
                allowPlaintextAuth: configuration.allowPlaintextAuth, envelope: configuration.envelope,
                sendTestMessage: configuration.sendTestMessage))
    }

    private static func read(_ connection: SMTPConnection, timeout: Duration) async -> Result<SMTPReply, any Error> {
        do {
            return .success(try await connection.readReply(timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    /// Nothing came in time, or TLS records came where a plaintext greeting was awaited.
    private static func isNoPlaintextGreeting(_ error: any Error) -> Bool {
        switch error as? SMTPReplyHandler.Failure {
        case .timeout?, .decoding(.tlsData)?: return true
        default: return false
        }
    }

    private static func isTLSData(_ error: any Error) -> Bool {
        if case .decoding(.tlsData)? = error as? SMTPReplyHandler.Failure { return true }
        return false
    }

    /// Connects again in plaintext after the implicit-TLS attempt failed.
    private mutating func reconnect(to address: SocketAddress, serverName: String?) async -> SMTPConnection? {
        let started = now
        note("connecting to \(address.textForm) again to wait for the plaintext greeting")
        do {
            let connection = try await SMTPConnection.connect(
                to: address, serverName: serverName, implicitTLS: false,
                timeout: budget(configuration.timeouts.connect),
                limits: configuration.limits, clock: clock, onReceive: onReceive)
            record(.connect, since: started, .ok, address.textForm)
            return connection
        } catch {
            record(.connect, since: started, .failed, "\(address.textForm): \(Self.classify(connectError: error).1)")
            return nil
        }
    }

    /// A second connection with implicit TLS, for `--tls auto` on a port that did not greet in plaintext.
    private mutating func implicitTLS(on address: SocketAddress, serverName: String?) async -> (
        SMTPConnection, NegotiatedTLS
    )? {
        let started = now
        let timeout = budget(configuration.timeouts.tls)
        guard timeout > .zero else { return nil }
        do {
            let connection = try await SMTPConnection.connect(
                to: address, serverName: serverName, implicitTLS: true, timeout: budget(configuration.timeouts.connect),
                limits: configuration.limits, clock: clock, onReceive: onReceive)
            do {
                let tls = try await connection.awaitHandshake(timeout: timeout)
                record(
                    .modeCheck, since: started, .ok,
                    "no plaintext greeting; the port completed a TLS handshake: going on with implicit TLS")
                note("the port speaks implicit TLS (\(tls.version ?? "TLS")): going on with implicit TLS")
                return (connection, tls)
            } catch {
                await connection.close()
                throw error
            }
        } catch {
            record(.modeCheck, since: started, .failed, "no TLS either: \(describe(error))")
            return nil
        }
    }

    // MARK: - TLS

    /// Checks the certificate after a handshake; returns false when the probe must stop here.
    private mutating func accept(
        _ tls: NegotiatedTLS, since started: Duration, machine: inout SMTPClientStateMachine
    ) async -> Bool {
        report.tlsVersion = tls.version
        let check = await CertificateInspector.check(tls.chain, host: configuration.host, trust: configuration.trust)
        report.certificate = check
        let problems = check?.problems ?? []
        let leaf = check?.chain.first
        let detail = [tls.version ?? "TLS", leaf.map { "certificate \($0.subject)" }].compactMap { $0 }.joined(
            separator: ", ")
        note("TLS established: \(detail)")
        if let check, !problems.isEmpty {
            let names = problems.map(\.rawValue).joined(separator: ", ")
            note("certificate problem: \(names)" + (check.chain.first.map { " (issuer \($0.issuer))" } ?? ""))
            // Credentials are never sent past a certificate problem unless the user allows it; the relay test alone
            // sends nothing secret, so it goes on when the user asked for it.
            let relayTestOnly = configuration.credentials == nil && configuration.envelope != nil
            guard configuration.allowUntrustedCertificate || relayTestOnly else {
                record(.tls, since: started, .failed, "\(detail): \(names)")
                _ = machine.failed(.tlsFailed(problems[0]))
                return false
            }
            report.wentOnPastCertificateProblem = true
            note(
                configuration.allowUntrustedCertificate
                    ? "going on despite the certificate problem (--allow-untrusted-certificate)"
                    : "going on with the relay test despite the certificate problem (no credentials are sent)")
        }
        record(.tls, since: started, .ok, detail)
        return true
    }

    private mutating func handshakeFailed(
        _ error: any Error, connection: SMTPConnection, implicit: Bool, since started: Duration,
        machine: inout SMTPClientStateMachine
    ) {
        let text = String(describing: error)
        report.tlsHandshakeError = redact(text)
        let first = connection.firstBytesReceived
        let problem: TLSProblem
        if implicit, first.count >= 3 && first.prefix(3).allSatisfy({ (48...57).contains($0) }) {
            // An SMTP reply code where a TLS record was expected.
            problem = .modeMismatch
            report.modeMismatch = .plaintextAnsweredTLS
            note(
                "the server answered the TLS hello with plaintext: \"\(String(decoding: first.prefix(24), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))…\""
            )
        } else if case .timeout? = error as? SMTPReplyHandler.Failure {
            _ = machine.failed(.timeout(.tls))
            record(.tls, since: started, .failed, "handshake timed out")
            return
        } else {
            problem = .handshakeFailed
        }
        record(.tls, since: started, .failed, "handshake failed: \(problem.rawValue)")
        note("TLS handshake failed: \(text)")
        _ = machine.failed(.tlsFailed(problem))
    }

    /// After a plaintext session that got no greeting (or TLS records), checks with a second connection whether the
    /// port speaks implicit TLS.
    private mutating func checkImplicitTLS(on address: SocketAddress, serverName: String?, stop: SessionStop?) async {
        switch stop {
        case .protocolError(.greeting, .tlsData):
            report.modeMismatch = .tlsAnsweredPlaintext
            return
        case .timeout(.greeting), .closed(.greeting):
            break
        default:
            return
        }
        let started = now
        let timeout = budget(min(configuration.timeouts.tls, configuration.timeouts.greeting))
        guard timeout > .zero else { return }
        note("no greeting: checking whether the port speaks implicit TLS")
        do {
            let tls = try await SMTPConnection.withConnection(
                to: address, serverName: serverName, implicitTLS: true, timeout: timeout, limits: configuration.limits,
                clock: clock, onReceive: onReceive
            ) { connection in
                try await connection.awaitHandshake(timeout: timeout)
            }
            report.modeMismatch = .tlsAnsweredPlaintext
            report.tlsVersion = tls.version
            record(.modeCheck, since: started, .ok, "the port completed a TLS handshake: it expects implicit TLS")
            note("the port completed a TLS handshake (\(tls.version ?? "TLS"))")
        } catch {
            record(.modeCheck, since: started, .failed, "no TLS either: \(describe(error))")
        }
    }

    // MARK: - Helpers

    private mutating func log(_ reply: SMTPReply) {
        for line in redact(reply).wireLines {
            report.transcript.append(TranscriptEntry(direction: .server, text: line, at: now))
        }
    }

    private func stop(for error: any Error, at step: ProbeStepKind) -> SessionStop {
        switch error as? SMTPReplyHandler.Failure {
        case .timeout?: return .timeout(step)
        case .decoding(let problem)?: return .protocolError(step, problem)
        default: return .closed(step)
        }
    }

    private func describe(_ error: any Error) -> String {
        switch error as? SMTPReplyHandler.Failure {
        case .timeout?: return "timed out"
        case .closed?: return "the server closed the connection"
        case .decoding(let problem)?: return problem.description
        case .other(let text)?: return text
        case nil: return String(describing: error)
        }
    }

    static func isAddress(_ host: String) -> Bool { SMTPProbeHost.isAddress(host) }

    static func classify(connectError error: any Error) -> (ConnectFailure, String) {
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return (.timeout, "connection timed out")
        }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED:
                return (.refused, "connection refused")
            case ETIMEDOUT: return (.timeout, "connection timed out")
            case ENETUNREACH, EHOSTUNREACH: return (.unreachable, "network or host unreachable")
            case ECONNRESET: return (.reset, "connection reset")
            case EACCES, EPERM:
                return (.blocked, "permission denied by the local system")
            default: return (.failed, String(describing: ioError))
            }
        }
        if let connectionError = error as? NIOConnectionError, let first = connectionError.connectionErrors.first {
            return classify(connectError: first.error)
        }
        return (.failed, String(describing: error))
    }
}

extension SocketAddress {
    /// `127.0.0.1:587`, `[::1]:587`.
    var textForm: String {
        let ip = ipAddress ?? "?"
        let port = self.port.map(String.init) ?? "?"
        return self.protocol == .inet6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}

import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Probes one SMTP server on one port: resolve, connect, greeting, EHLO, TLS, AUTH, the relay test, QUIT.
///
/// Each step has its own timeout and the whole probe a deadline. What the server does is recorded in a
/// ``ProbeReport``; `run()` does not throw.
///
/// ```swift
/// let report = await SMTPProbe(ProbeConfiguration(host: "mail.example.com", port: 587)).run()
/// print(report.verdict)   // Success, TLS Error, …
/// ```
public struct SMTPProbe: Sendable {
    public let configuration: ProbeConfiguration

    /// Creates a probe.
    public init(_ configuration: ProbeConfiguration) {
        self.configuration = configuration
    }

    /// Runs the probe.
    public func run() async -> ProbeReport {
        var run = Run(configuration)
        await run.execute()
        return run.report
    }
}

/// The state of one run: the clock, the report being filled in, the redactor.
private struct Run {
    let configuration: ProbeConfiguration
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    let redact: Redactor
    var report: ProbeReport

    init(_ configuration: ProbeConfiguration) {
        self.configuration = configuration
        start = clock.now
        deadline = start.advanced(by: configuration.timeouts.overall)
        redact = Redactor(credentials: configuration.credentials)
        let mode = configuration.tlsMode.effective(port: configuration.port)
        report = ProbeReport(
            host: configuration.host, port: configuration.port, requestedMode: configuration.tlsMode, mode: mode)
        report.credentialsGiven = configuration.credentials != nil
        report.envelopeGiven = configuration.envelope != nil
    }

    var now: Duration { clock.now - start }

    /// The time a step may take: its own timeout, or what is left of the deadline.
    func budget(_ step: Duration) -> Duration {
        max(.zero, min(step, deadline - clock.now))
    }

    mutating func note(_ text: String) {
        report.transcript.append(TranscriptEntry(direction: .note, text: redact(text), at: now))
    }

    mutating func record(_ kind: ProbeStepKind, since started: Duration, _ outcome: ProbeStep.Outcome, _ detail: String)
    {
        report.steps.append(
            ProbeStep(kind: kind, outcome: outcome, started: started, duration: now - started, detail: redact(detail)))
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
            addresses = try await HostResolver.resolve(host, port: port, timeout: budget(timeouts.resolve))
            report.addresses = addresses.map(\.textForm)
            record(.resolve, since: started, .ok, report.addresses.joined(separator: ", "))
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
                    limits: configuration.limits)
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
        guard let connection else {
            let chosen = failures.first { $0.0 != .timeout } ?? failures.first ?? (.timeout, "deadline passed")
            report.connectFailure = chosen.0
            report.connectError = chosen.1
            return
        }

        var machine = SMTPClientStateMachine(
            plan: .init(
                tlsMode: report.mode, heloName: configuration.heloName, credentials: configuration.credentials,
                allowPlaintextAuth: configuration.allowPlaintextAuth, envelope: configuration.envelope,
                sendTestMessage: configuration.sendTestMessage))
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

        // The dialogue.
        var action: SMTPClientStateMachine.Action
        started = now
        do {
            let greeting = try await connection.readReply(timeout: budget(timeouts.greeting))
            log(greeting)
            record(.greeting, since: started, greeting.code == 220 ? .ok : .failed, redact(greeting).summary)
            action = machine.received(greeting)
        } catch {
            action = machine.failed(stop(for: error, at: .greeting))
            record(.greeting, since: started, .failed, describe(error))
        }
        loop: while true {
            switch action {
            case .send(let command, let step):
                started = now
                report.transcript.append(TranscriptEntry(direction: .client, text: command.transcript, at: now))
                do {
                    try await connection.send(command)
                    let reply = try await connection.readReply(timeout: budget(timeouts.command))
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
                    try await connection.send(.quit)
                    let reply = try await connection.readReply(timeout: budget(min(timeouts.command, .seconds(2))))
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

        if configuration.checkModeMismatch, !implicit,
            let address = addresses.first(where: { $0.textForm == report.connectedAddress })
        {
            await checkImplicitTLS(on: address, serverName: serverName, stop: machine.record.stop)
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
            if !configuration.allowUntrustedCertificate {
                record(.tls, since: started, .failed, "\(detail): \(names)")
                _ = machine.failed(.tlsFailed(problems[0]))
                return false
            }
        }
        record(.tls, since: started, .ok, detail)
        return true
    }

    private mutating func handshakeFailed(
        _ error: Error, connection: SMTPConnection, implicit: Bool, since started: Duration,
        machine: inout SMTPClientStateMachine
    ) {
        let text = String(describing: error)
        report.tlsHandshakeError = redact(text)
        let first = connection.firstBytesReceived
        let problem: TLSProblem
        if implicit,
            first.count >= 3 && first.prefix(3).allSatisfy({ (48...57).contains($0) })
                || text.contains("WRONG_VERSION_NUMBER")
        {
            problem = .modeMismatch
            report.modeMismatch = .plaintextAnsweredTLS
            note(
                "the server answered the TLS hello with plaintext: \"\(String(decoding: first.prefix(24), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))…\""
            )
        } else if text.contains("PROTOCOL_VERSION") || text.contains("UNSUPPORTED_PROTOCOL") {
            problem = .protocolVersion
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
            let connection = try await SMTPConnection.connect(
                to: address, serverName: serverName, implicitTLS: true, timeout: timeout, limits: configuration.limits)
            defer { Task { await connection.close() } }
            let tls = try await connection.awaitHandshake(timeout: timeout)
            report.modeMismatch = .tlsAnsweredPlaintext
            report.tlsVersion = tls.version
            record(.modeCheck, since: started, .ok, "the port completed a TLS handshake: it expects implicit TLS")
            note("the port speaks implicit TLS (\(tls.version ?? "TLS")): use --tls implicit")
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

    private func stop(for error: Error, at step: ProbeStepKind) -> SessionStop {
        switch error as? SMTPReplyHandler.Failure {
        case .timeout?: return .timeout(step)
        case .decoding(let problem)?: return .protocolError(step, problem)
        default: return .closed(step)
        }
    }

    private func describe(_ error: Error) -> String {
        switch error as? SMTPReplyHandler.Failure {
        case .timeout?: return "timed out"
        case .closed?: return "the server closed the connection"
        case .decoding(let problem)?: return problem.description
        case .other(let text)?: return text
        case nil: return String(describing: error)
        }
    }

    static func isAddress(_ host: String) -> Bool { SMTPProbeHost.isAddress(host) }

    static func classify(connectError error: Error) -> (ConnectFailure, String) {
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return (.timeout, "connection timed out (no answer: the port is filtered or the host is down)")
        }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED:
                return (.refused, "connection refused (nothing listens on the port, or a firewall rejects)")
            case ETIMEDOUT: return (.timeout, "connection timed out")
            case ENETUNREACH, EHOSTUNREACH: return (.unreachable, "network or host unreachable")
            case ECONNRESET: return (.reset, "connection reset")
            case EACCES, EPERM:
                return (.blocked, "connection blocked by the local system (firewall or security software)")
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

import SMTPDoctorCore

/// The one-word answer of a probe, as an application's SMTP test page gives it.
public enum ProbeVerdict: String, Sendable, Hashable, CaseIterable {
    case success
    case connectionFailed = "connection-failed"
    case timeout
    case tlsError = "tls-error"
    case authenticationFailed = "authentication-failed"
    case relayDenied = "relay-denied"
    case rejected

    /// The verdict as people read it: `Success`, `TLS Error`, …
    public var title: String {
        switch self {
        case .success: return "Success"
        case .connectionFailed: return "Connection Failed"
        case .timeout: return "Timeout"
        case .tlsError: return "TLS Error"
        case .authenticationFailed: return "Authentication Failed"
        case .relayDenied: return "Relay Denied"
        case .rejected: return "Rejected"
        }
    }

    /// The verdict with what the rules concluded from the probe's facts: a refused envelope is `Relay Denied` when
    /// the rules derived `probe.relay: denied` from the reply.
    public func refined(by facts: [Fact]) -> ProbeVerdict {
        guard self == .rejected,
            facts.contains(where: { $0.name == ProbeFactName.relay.rawValue && $0.value == .string("denied") })
        else { return self }
        return .relayDenied
    }

    /// How far a probe with this verdict got, to pick the most telling of several probes.
    var progress: Int {
        switch self {
        case .success: return 6
        case .relayDenied, .rejected: return 5
        case .authenticationFailed: return 4
        case .tlsError: return 3
        case .timeout: return 2
        case .connectionFailed: return 1
        }
    }
}

extension ProbeReport {
    /// The structural summary of the run: which step failed and how. What it *means* is for the knowledge base:
    /// whether a refused envelope is a relay denial is decided by the rules (see ``ProbeVerdict/refined(by:)``).
    public var verdict: ProbeVerdict {
        if resolveFailure != nil { return .connectionFailed }
        if let connectFailure { return connectFailure == .timeout ? .timeout : .connectionFailed }
        if modeMismatch != nil { return .tlsError }
        guard let stop = session.stop else { return .success }
        switch stop {
        case .timeout: return .timeout
        case .closed, .protocolError: return .connectionFailed
        case .tlsFailed, .startTLSNotOffered: return .tlsError
        case .authNotOffered, .mechanismNotOffered, .plaintextAuthRefused: return .authenticationFailed
        case .rejected(let step, _):
            switch step {
            case .starttls: return .tlsError
            case .auth: return .authenticationFailed
            default: return .rejected
            }
        }
    }

    /// One sentence that says why; it says so when `--tls auto` went on with implicit TLS.
    public var reason: String {
        guard implicitFallback else { return outcomeReason }
        return "The port sent no plaintext greeting, so the probe used implicit TLS (--tls implicit). "
            + outcomeReason
    }

    private var outcomeReason: String {
        if let resolveFailure {
            return resolveFailure == .hostNotFound
                ? "The name \(host) does not resolve to any address."
                : "The name \(host) could not be resolved (\(resolveFailure.rawValue))."
        }
        if connectFailure != nil { return "No TCP connection to \(host):\(port): \(connectError ?? "failed")." }
        switch modeMismatch {
        case .plaintextAnsweredTLS?:
            return
                "Port \(port) answered the TLS hello with a plaintext SMTP greeting: it expects STARTTLS (or no TLS), not implicit TLS."
        case .tlsAnsweredPlaintext?:
            return
                "Port \(port) speaks TLS from the first byte (implicit TLS) and sends no plaintext greeting: use implicit TLS, not STARTTLS."
        case nil: break
        }
        guard let stop = session.stop else {
            var parts = ["The server accepted the session"]
            if session.tlsActive { parts.append("over \(tlsVersion ?? "TLS")") }
            if session.authOutcome == .accepted {
                parts.append("and the credentials (\(session.authMechanism?.rawValue ?? "AUTH"))")
            }
            if session.rcptReply != nil { parts.append("and the envelope") }
            if session.messageReply != nil { parts.append("and the test message") }
            return parts.joined(separator: " ") + "."
        }
        switch stop {
        case .timeout(let step): return "No answer to the \(step.rawValue) step in time."
        case .closed(let step): return "The server closed the connection at the \(step.rawValue) step."
        case .protocolError(let step, let problem): return "At the \(step.rawValue) step, \(problem.description)."
        case .tlsFailed(let problem):
            switch problem {
            case .untrusted:
                return certificate?.chain.first?.selfSigned == true
                    ? "The server's certificate is self-signed and not trusted."
                    : "The server's certificate chain is not trusted."
            case .expired: return "The server's certificate has expired."
            case .notYetValid: return "The server's certificate is not valid yet."
            case .nameMismatch: return "The server's certificate is not issued for \(host)."
            case .modeMismatch: return "The port and the TLS mode disagree."
            case .handshakeFailed: return "The TLS handshake failed: \(tlsHandshakeError ?? "unknown error")."
            }
        case .startTLSNotOffered: return "The server does not offer STARTTLS."
        case .authNotOffered:
            return session.tlsActive
                ? "The server offers no AUTH mechanism."
                : "The server offers no AUTH mechanism on this unencrypted connection."
        case .mechanismNotOffered:
            return
                "The server offers AUTH \((session.currentCapabilities?.authMechanisms ?? []).joined(separator: " ")), none of which the probe can use with a password."
        case .plaintextAuthRefused:
            return
                "Credentials were not sent: the connection is not encrypted (--allow-plaintext-auth sends them anyway)."
        case .rejected(let step, let reply): return "The server refused \(step.rawValue): \(reply.summary)"
        }
    }
}

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
}

/// What the server said during one SMTP session, step by step.
///
/// The state machine fills it in; the report turns it into a verdict and facts. It holds replies and capabilities,
/// never a credential.
public struct SessionRecord: Sendable, Hashable {
    public var greeting: SMTPReply?
    public var ehloReply: SMTPReply?
    /// The server refused EHLO and HELO was used instead.
    public var usedHELO = false
    public var capabilitiesBeforeTLS: EHLOCapabilities?
    public var capabilitiesAfterTLS: EHLOCapabilities?
    public var startTLSReply: SMTPReply?
    /// TLS protects the session (implicit TLS, or a completed STARTTLS).
    public var tlsActive = false
    public var authMechanism: AuthMechanism?
    /// Whether the server listed the mechanism used.
    public var authMechanismOffered = true
    public var authOutcome: AuthOutcome = .notAttempted
    public var authReply: SMTPReply?
    public var mailReply: SMTPReply?
    public var rcptReply: SMTPReply?
    public var dataReply: SMTPReply?
    public var messageReply: SMTPReply?
    /// Why the session ended before its plan was done; nil when it completed.
    public var stop: SessionStop?

    /// Creates an empty record.
    public init() {}

    /// The capabilities in force now: after TLS when TLS was started, else before.
    public var currentCapabilities: EHLOCapabilities? { capabilitiesAfterTLS ?? capabilitiesBeforeTLS }
}

/// What happened to the credentials.
public enum AuthOutcome: String, Sendable, Hashable, CaseIterable {
    case notAttempted = "not-attempted"
    case accepted
    case rejected
    /// The server offered no AUTH at all.
    case notOffered = "not-offered"
    /// AUTH is offered but with none of the mechanisms the probe can use.
    case mechanismNotOffered = "mechanism-not-offered"
    /// The probe refused to send credentials over an unencrypted connection.
    case plaintextRefused = "plaintext-refused"
}

/// Why a session ended early.
public enum SessionStop: Sendable, Hashable {
    /// A reply the plan cannot go on from.
    case rejected(ProbeStepKind, SMTPReply)
    /// STARTTLS was required (by `--tls starttls`) but not offered.
    case startTLSNotOffered
    /// Credentials were given but the server offers no AUTH.
    case authNotOffered
    /// AUTH is offered, but none of the mechanisms the probe can use.
    case mechanismNotOffered
    /// Credentials were not sent because the connection is not encrypted.
    case plaintextAuthRefused
    /// The step's timeout or the overall deadline passed.
    case timeout(ProbeStepKind)
    /// The server closed the connection.
    case closed(ProbeStepKind)
    /// The server sent something that is not SMTP, or too much of it.
    case protocolError(ProbeStepKind, SMTPReplyDecoder.Problem)
    /// The TLS handshake failed or the certificate did not verify.
    case tlsFailed(TLSProblem)

    /// The step at which the session stopped.
    public var step: ProbeStepKind {
        switch self {
        case .rejected(let step, _), .timeout(let step), .closed(let step), .protocolError(let step, _): return step
        case .startTLSNotOffered: return .starttls
        case .authNotOffered, .mechanismNotOffered, .plaintextAuthRefused: return .auth
        case .tlsFailed: return .tls
        }
    }

    /// How the session stopped, as the value of the `probe.stop` fact.
    public var kind: String {
        switch self {
        case .rejected: return "rejected"
        case .startTLSNotOffered: return "starttls-not-offered"
        case .authNotOffered: return "auth-not-offered"
        case .mechanismNotOffered: return "mechanism-not-offered"
        case .plaintextAuthRefused: return "plaintext-auth-refused"
        case .timeout: return "timeout"
        case .closed: return "closed"
        case .protocolError: return "protocol-error"
        case .tlsFailed: return "tls-failed"
        }
    }
}

/// What went wrong with TLS.
public enum TLSProblem: String, Sendable, Hashable, CaseIterable {
    /// The handshake did not complete; the TLS library's words are in the report.
    case handshakeFailed = "handshake-failed"
    /// The port speaks the other TLS mode: a plaintext greeting answered the TLS hello, or TLS answered plaintext.
    case modeMismatch = "mode-mismatch"
    case untrusted
    case expired
    case notYetValid = "not-yet-valid"
    case nameMismatch = "name-mismatch"
}

import Foundation

/// Everything one probe of one port observed: the steps with their latency, the transcript, the TLS session and
/// the certificate, and what the server said.
///
/// A failing server is an observation, not an error: the report always comes back, and its ``verdict`` sums it up.
public struct ProbeReport: Sendable {
    public var host: String
    public var port: Int
    /// The TLS mode asked for.
    public var requestedMode: TLSMode
    /// The mode used on this port (`auto` stays `auto` when STARTTLS is opportunistic).
    public var mode: TLSMode
    /// Every address the name resolved to.
    public var addresses: [String] = []
    /// The address the probe connected to.
    public var connectedAddress: String?
    public var resolveFailure: ResolveFailure?
    public var connectFailure: ConnectFailure?
    /// The operating system's words for the connect failure.
    public var connectError: String?
    public var session = SessionRecord()
    /// The negotiated TLS version, when TLS started.
    public var tlsVersion: String?
    /// The handshake error, when the handshake failed.
    public var tlsHandshakeError: String?
    public var certificate: CertificateCheck?
    /// The port speaks the other TLS mode.
    public var modeMismatch: ModeMismatch?
    public var steps: [ProbeStep] = []
    public var transcript: [TranscriptEntry] = []
    public var elapsed: Duration = .zero
    /// Whether credentials were given (never the credentials themselves).
    public var credentialsGiven = false
    /// Whether an envelope test was asked for.
    public var envelopeGiven = false
    /// The probe went on past a certificate problem: `--allow-untrusted-certificate` was given, or only the relay
    /// test was asked for (no credentials to protect).
    public var wentOnPastCertificateProblem = false
    /// `--tls auto` got no plaintext greeting and the session ran over implicit TLS on a second connection.
    public var implicitFallback = false

    /// Creates an empty report for a host and port.
    public init(host: String, port: Int, requestedMode: TLSMode, mode: TLSMode) {
        self.host = host
        self.port = port
        self.requestedMode = requestedMode
        self.mode = mode
    }
}

/// Why the name did not resolve.
public enum ResolveFailure: String, Sendable, Hashable, CaseIterable {
    case hostNotFound = "host-not-found"
    case resolverUnavailable = "resolver-unavailable"
    case timeout
    case failed
}

/// Why no TCP connection was made.
public enum ConnectFailure: String, Sendable, Hashable, CaseIterable {
    /// A TCP reset: nothing listens on the port, or a firewall rejects.
    case refused
    /// No answer at all: a firewall drops the packets (filtered), or the host is down.
    case timeout
    case unreachable
    case reset
    /// The local system refused to open the connection (EACCES/EPERM: a local firewall or security product).
    case blocked
    case failed
}

/// The two ways a port and a TLS mode disagree.
public enum ModeMismatch: String, Sendable, Hashable, CaseIterable {
    /// A TLS hello was answered by a plaintext SMTP greeting: STARTTLS or plain port used with implicit TLS.
    case plaintextAnsweredTLS = "plaintext-answered-tls"
    /// A plaintext client waited for a greeting on a port that speaks TLS from the first byte.
    case tlsAnsweredPlaintext = "tls-answered-plaintext"
}

/// One step of the probe with its latency.
public struct ProbeStep: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case ok
        case failed
    }

    public var kind: ProbeStepKind
    public var outcome: Outcome
    /// From the start of the probe.
    public var started: Duration
    public var duration: Duration
    /// The reply or the error, on one line.
    public var detail: String
}

/// One line of the conversation, redacted.
public struct TranscriptEntry: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        /// Sent by the probe (`C:`).
        case client
        /// Sent by the server (`S:`).
        case server
        /// Said by the probe about the connection (`*`).
        case note
    }

    public var direction: Direction
    public var text: String
    /// From the start of the probe.
    public var at: Duration
}

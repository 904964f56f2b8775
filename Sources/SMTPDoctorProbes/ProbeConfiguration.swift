import Foundation

/// How the probe uses TLS.
public enum TLSMode: String, Sendable, Hashable, CaseIterable {
    /// Implicit TLS on port 465, STARTTLS when offered on any other port.
    case auto
    /// Plain connection, then STARTTLS; a server that does not offer it is a TLS error.
    case starttls
    /// TLS from the first byte (SMTPS, port 465).
    case implicit
    /// No TLS at all.
    case none

    /// The mode used on a port: `auto` becomes implicit on 465 and opportunistic STARTTLS elsewhere.
    public func effective(port: Int) -> TLSMode {
        guard self == .auto else { return self }
        return port == 465 ? .implicit : .auto
    }
}

/// An SASL mechanism the probe can use.
public enum AuthMechanism: String, Sendable, Hashable, CaseIterable {
    case plain = "PLAIN"
    case login = "LOGIN"
    case xoauth2 = "XOAUTH2"

    /// The mechanisms the probe chooses from when none is asked for, best first. XOAUTH2 needs a token, not a
    /// password, so it is used only when asked for.
    public static let preferred: [AuthMechanism] = [.plain, .login]
}

/// A username and its password or OAuth 2.0 access token.
public struct Credentials: Sendable, Hashable {
    /// The username (an email address for most providers).
    public var username: String
    /// The password, app password or access token.
    public var secret: Secret
    /// The mechanism to use; nil means the best one the server offers.
    public var mechanism: AuthMechanism?

    /// Creates credentials.
    public init(username: String, secret: Secret, mechanism: AuthMechanism? = nil) {
        self.username = username
        self.secret = secret
        self.mechanism = mechanism
    }
}

/// The envelope of the relay test: MAIL FROM and RCPT TO, then RSET (or a test message).
public struct Envelope: Sendable, Hashable {
    public var from: String
    public var to: String

    /// Creates an envelope.
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// The time each step may take, and the whole probe.
public struct ProbeTimeouts: Sendable, Hashable {
    public var resolve: Duration
    public var connect: Duration
    public var greeting: Duration
    public var command: Duration
    public var tls: Duration
    /// With `--tls auto`, how long to wait for a plaintext greeting before trying implicit TLS on a second
    /// connection (a port that speaks TLS from the first byte never greets in plaintext).
    public var firstGreeting: Duration
    /// The deadline of the whole probe, all steps together.
    public var overall: Duration

    /// Creates timeouts; the defaults suit a server on the Internet.
    public init(
        resolve: Duration = .seconds(5), connect: Duration = .seconds(10), greeting: Duration = .seconds(15),
        command: Duration = .seconds(15), tls: Duration = .seconds(10), firstGreeting: Duration = .seconds(3),
        overall: Duration = .seconds(60)
    ) {
        self.resolve = resolve
        self.connect = connect
        self.greeting = greeting
        self.command = command
        self.tls = tls
        self.firstGreeting = firstGreeting
        self.overall = overall
    }

    /// The same time for every step; for tests and for `--timeout`. The first-greeting window stays short (at
    /// most 3 s) unless given.
    public static func uniform(_ step: Duration, overall: Duration? = nil, firstGreeting: Duration? = nil)
        -> ProbeTimeouts
    {
        ProbeTimeouts(
            resolve: step, connect: step, greeting: step, command: step, tls: step,
            firstGreeting: firstGreeting ?? min(step, .seconds(3)), overall: overall ?? step * 8)
    }
}

/// Which certificate authorities the probe trusts.
public enum TrustRoots: Sendable, Hashable {
    /// The operating system's trust store.
    case system
    /// Only these PEM-encoded certificates (a private CA, a test CA).
    case pem(String)
    /// The system's store and these PEM-encoded certificates.
    case systemAnd(String)
}

/// Everything one probe of one port needs.
public struct ProbeConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var tlsMode: TLSMode
    public var credentials: Credentials?
    public var envelope: Envelope?
    /// Send a short test message after RCPT TO instead of RSET.
    public var sendTestMessage: Bool
    /// The name given in EHLO.
    public var heloName: String
    public var timeouts: ProbeTimeouts
    public var trust: TrustRoots
    /// Send credentials over a connection that is not encrypted. Dangerous; off unless the user says so.
    public var allowPlaintextAuth: Bool
    /// Go on with AUTH although the certificate failed verification. The failure is still reported.
    public var allowUntrustedCertificate: Bool
    public var limits: SMTPReplyDecoder.Limits
    /// For implicit-TLS and STARTTLS probes that fail at the greeting: check whether the port speaks the other mode.
    public var checkModeMismatch: Bool
    /// The addresses to connect to instead of resolving `host` again (textual IPv4 or IPv6), so that a caller that
    /// resolved and checked the name connects to exactly the addresses it checked. Empty: resolve `host`.
    public var pinnedAddresses: [String] = []

    /// Creates a configuration.
    public init(
        host: String, port: Int, tlsMode: TLSMode = .auto, credentials: Credentials? = nil, envelope: Envelope? = nil,
        sendTestMessage: Bool = false, heloName: String = "smtp-doctor.localhost",
        timeouts: ProbeTimeouts = ProbeTimeouts(),
        trust: TrustRoots = .system, allowPlaintextAuth: Bool = false, allowUntrustedCertificate: Bool = false,
        limits: SMTPReplyDecoder.Limits = SMTPReplyDecoder.Limits(), checkModeMismatch: Bool = true
    ) {
        self.host = host
        self.port = port
        self.tlsMode = tlsMode
        self.credentials = credentials
        self.envelope = envelope
        self.sendTestMessage = sendTestMessage
        self.heloName = heloName
        self.timeouts = timeouts
        self.trust = trust
        self.allowPlaintextAuth = allowPlaintextAuth
        self.allowUntrustedCertificate = allowUntrustedCertificate
        self.limits = limits
        self.checkModeMismatch = checkModeMismatch
    }
}

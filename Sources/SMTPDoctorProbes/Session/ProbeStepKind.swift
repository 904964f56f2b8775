/// The steps of a probe, in the order they can happen.
public enum ProbeStepKind: String, Sendable, Hashable, CaseIterable {
    case resolve
    case connect
    /// The TLS handshake: right after connecting (implicit TLS) or after STARTTLS.
    case tls
    case greeting
    case ehlo
    case helo
    case starttls
    case ehloAfterTLS = "ehlo-after-tls"
    case auth
    case mailFrom = "mail-from"
    case rcptTo = "rcpt-to"
    case data
    case message = "end-of-data"
    case rset
    case quit
    /// A second connection that checks whether the port speaks implicit TLS.
    case modeCheck = "mode-check"

    /// The value of the `smtp.stage` fact for a reply to this step, when there is one.
    public var smtpStage: String? {
        switch self {
        case .greeting: return "greeting"
        case .ehlo, .helo, .ehloAfterTLS: return "ehlo"
        case .starttls: return "starttls"
        case .auth: return "auth"
        case .mailFrom: return "mail-from"
        case .rcptTo: return "rcpt-to"
        case .data: return "data"
        case .message: return "end-of-data"
        case .quit: return "quit"
        case .connect: return "connect"
        case .resolve, .tls, .rset, .modeCheck: return nil
        }
    }
}

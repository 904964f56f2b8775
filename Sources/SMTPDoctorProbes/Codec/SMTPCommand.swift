import Foundation

/// A command the probe sends, with its wire form and its form for the transcript.
///
/// Redaction happens here, in one place: every command that carries a credential says `<redacted>` in the
/// transcript, whatever the mechanism.
public enum SMTPCommand: Sendable, Hashable {
    case ehlo(String)
    case helo(String)
    case startTLS
    /// `AUTH MECH [initial-response]`; the initial response carries the credential when there is one.
    case auth(AuthMechanism, initialResponse: Secret?)
    /// A line answering a 334 challenge; it always carries a credential or part of one.
    case authResponse(Secret)
    case mailFrom(String)
    case rcptTo(String)
    case data
    /// The message body, already dot-stuffed, ending with `CRLF.CRLF`.
    case message(String)
    case rset
    case quit

    /// The bytes to send, line ending included.
    public var wire: String {
        switch self {
        case .ehlo(let name): return "EHLO \(name)\r\n"
        case .helo(let name): return "HELO \(name)\r\n"
        case .startTLS: return "STARTTLS\r\n"
        case .auth(let mechanism, let initial):
            guard let initial else { return "AUTH \(mechanism.rawValue)\r\n" }
            return initial.withRevealed { "AUTH \(mechanism.rawValue) \($0)\r\n" }
        case .authResponse(let secret): return secret.withRevealed { "\($0)\r\n" }
        case .mailFrom(let address): return "MAIL FROM:<\(address)>\r\n"
        case .rcptTo(let address): return "RCPT TO:<\(address)>\r\n"
        case .data: return "DATA\r\n"
        case .message(let body): return body
        case .rset: return "RSET\r\n"
        case .quit: return "QUIT\r\n"
        }
    }

    /// The command as the transcript shows it: credentials replaced by `<redacted>`, the message body summarised.
    public var transcript: String {
        switch self {
        case .auth(let mechanism, let initial):
            return initial == nil ? "AUTH \(mechanism.rawValue)" : "AUTH \(mechanism.rawValue) <redacted>"
        case .authResponse: return "<redacted>"
        case .message(let body): return "<message, \(body.utf8.count) bytes>"
        default: return wire.trimmingCharacters(in: .newlines)
        }
    }
}

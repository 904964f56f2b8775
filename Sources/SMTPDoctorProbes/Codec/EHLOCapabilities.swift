/// What a server offers in its EHLO reply.
///
/// ```
/// 250-mail.example.com
/// 250-SIZE 35882577
/// 250-STARTTLS
/// 250-AUTH PLAIN LOGIN XOAUTH2
/// 250 SMTPUTF8
/// ```
public struct EHLOCapabilities: Sendable, Hashable {
    /// Every keyword line after the first, upper-cased keyword with its parameters.
    public var keywords: [String]
    /// Whether STARTTLS is offered.
    public var startTLS: Bool
    /// The AUTH mechanisms offered, upper-cased; empty when AUTH is not offered.
    public var authMechanisms: [String]
    /// The SIZE limit in bytes, when given.
    public var size: Int?
    /// Whether PIPELINING is offered.
    public var pipelining: Bool
    /// Whether SMTPUTF8 is offered.
    public var smtpUTF8: Bool

    /// Reads the capabilities from an EHLO reply.
    public init(_ reply: SMTPReply) {
        keywords = reply.lines.dropFirst().map { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            let keyword = parts.first.map { $0.uppercased() } ?? ""
            return parts.count > 1 ? "\(keyword) \(parts[1])" : keyword
        }
        var mechanisms: [String] = []
        var size: Int?
        var startTLS = false, pipelining = false, smtpUTF8 = false
        for line in keywords {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            switch keyword {
            case "STARTTLS": startTLS = true
            case "PIPELINING": pipelining = true
            case "SMTPUTF8": smtpUTF8 = true
            case "SIZE": size = words.count > 1 ? Int(words[1]) : nil
            case "AUTH":
                for mechanism in words.dropFirst().map({ $0.uppercased() }) where !mechanisms.contains(mechanism) {
                    mechanisms.append(mechanism)
                }
            default: break
            }
        }
        self.startTLS = startTLS
        self.pipelining = pipelining
        self.smtpUTF8 = smtpUTF8
        self.size = size
        self.authMechanisms = mechanisms
    }

    /// Whether any AUTH mechanism is offered.
    public var offersAuth: Bool { !authMechanisms.isEmpty }
}

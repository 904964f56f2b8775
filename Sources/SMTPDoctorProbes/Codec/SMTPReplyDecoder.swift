/// Joins reply lines into replies, keeping every continuation line.
///
/// Why it keeps them: the EHLO capabilities are the continuation lines (`250-STARTTLS`); a decoder that keeps only
/// the last line loses them. It also guards against hostile servers: a reply may have at most
/// ``Limits/maximumLines`` lines.
///
/// ```
/// 250-mail.example.com      → nil (more to come)
/// 250 STARTTLS              → SMTPReply(code: 250, lines: ["mail.example.com", "STARTTLS"])
/// ```
public struct SMTPReplyDecoder: Sendable {
    /// How much a server may send.
    public struct Limits: Sendable, Hashable {
        /// The longest line accepted, in bytes, without its line ending (RFC 5321 allows 512).
        public var maximumLineLength: Int
        /// The most lines one reply may have.
        public var maximumLines: Int

        /// Creates limits.
        public init(maximumLineLength: Int = 2048, maximumLines: Int = 100) {
            self.maximumLineLength = maximumLineLength
            self.maximumLines = maximumLines
        }
    }

    /// What is wrong with what the server sent.
    public enum Problem: Error, Sendable, Hashable {
        /// A line longer than the limit, or bytes without a line ending beyond it.
        case lineTooLong(limit: Int)
        /// A reply with more lines than the limit.
        case tooManyLines(limit: Int)
        /// A line that is not an SMTP reply line; the start of it is kept.
        case malformed(String)
        /// TLS records where SMTP text was expected: the server speaks TLS on this port.
        case tlsData
    }

    /// The limits in force.
    public let limits: Limits
    private var code: Int?
    private var lines: [String] = []

    /// Creates a decoder.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Feeds one line (without its line ending).
    /// - Returns: the reply when this line completes one.
    /// - Throws: ``Problem`` when the line is not a reply line or a limit is passed.
    public mutating func decode(line raw: String) throws(Problem) -> SMTPReply? {
        let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
        guard line.utf8.count <= limits.maximumLineLength else { throw .lineTooLong(limit: limits.maximumLineLength) }
        let bytes = Array(line.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (48...57).contains($0) }),
            let code = Int(String(decoding: bytes[0...2], as: UTF8.self)), (200...599).contains(code)
        else {
            throw .malformed(String(line.prefix(80)))
        }
        let separator: UInt8? = bytes.count > 3 ? bytes[3] : nil
        guard separator == nil || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .malformed(String(line.prefix(80)))
        }
        if let pending = self.code, pending != code { throw .malformed(String(line.prefix(80))) }
        let text = line.utf8.count > 4 ? String(line.dropFirst(4)) : ""
        self.code = code
        lines.append(text)
        guard lines.count <= limits.maximumLines else { throw .tooManyLines(limit: limits.maximumLines) }
        guard separator == UInt8(ascii: "-") else {
            let reply = SMTPReply(code: code, lines: lines)
            self.code = nil
            lines = []
            return reply
        }
        return nil
    }
}

// MARK: - CustomStringConvertible

extension SMTPReplyDecoder.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .lineTooLong(let limit): return "the server sent a line longer than \(limit) bytes"
        case .tooManyLines(let limit): return "the server sent a reply of more than \(limit) lines"
        case .malformed(let line): return "the server sent something that is not an SMTP reply: \"\(line)\""
        case .tlsData: return "the server answered with TLS records where SMTP text was expected"
        }
    }
}

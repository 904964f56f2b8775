import Foundation

/// Turns what people paste — a code, a reply, an NDR, a Postfix or Exchange log line, a client exception — into facts.
///
/// It extracts structure only: the reply and enhanced codes, the reply text, the SMTP stage, the remote host.
/// Phrases that identify causes are matched by the knowledge base's rules on `error.text`.
///
/// ```
/// host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected:
/// User unknown (in reply to RCPT TO command)
/// ```
/// gives `reply.code = 550`, `reply.enhanced = 5.1.1`, `smtp.stage = rcpt-to`, `remote.host = mx.example.com`,
/// `remote.ip = 203.0.113.7`, `error.format = postfix-log`.
public struct ErrorTextParser: Sendable {
    /// Texts longer than this are cut before parsing; a pasted error is never this long.
    public static let maximumLength = 64 * 1024

    /// Creates a parser.
    public init() {}

    /// Parses one pasted text.
    /// - Parameters:
    ///   - text: the text as pasted.
    ///   - source: the source to give each fact.
    /// - Returns: the facts found; empty when the text is empty.
    public func parse(_ text: String, source: FactSource = FactSource(.errorText)) -> Observation {
        let prepared = Prepared(text)
        let collapsed = prepared.collapsed
        guard !collapsed.isEmpty else { return Observation(facts: []) }
        var facts: [Fact] = []
        func add(_ name: String, _ value: FactValue) { facts.append(Fact(name, value, source: source)) }

        add("error.text", .string(collapsed))
        let (reply, exchange) = Self.reply(of: prepared)
        if let reply {
            if let code = reply.code { add("reply.code", .int(code)) }
            if let enhanced = reply.enhanced { add("reply.enhanced", .string(enhanced)) }
            if !reply.text.isEmpty { add("reply.text", .string(reply.text)) }
        }
        let lowered = ASCIIText.lowercased(collapsed)
        if let stage = Self.stage(collapsed, lowered: lowered) { add("smtp.stage", .string(stage)) }
        let (host, ip) = Self.remote(collapsed, lowered: lowered)
        if let host { add("remote.host", .string(host)) }
        if let ip { add("remote.ip", .string(ip)) }
        add("error.format", .string(Self.format(collapsed, reply: reply, exchange: exchange)))
        return Observation(facts: facts)
    }

    /// The reply code and enhanced status code `parse` finds in a text (`reply.code`, `reply.enhanced`), without
    /// the other facts: what a reader needs to tell whether a text reports a failure.
    static func replyCodes(in text: String) -> (code: Int?, enhanced: String?) {
        let prepared = Prepared(text)
        guard !prepared.collapsed.isEmpty, let reply = reply(of: prepared).reply else { return (nil, nil) }
        return (reply.code, reply.enhanced)
    }

    /// The remote server `parse` finds in a text (`remote.host`, `remote.ip`), without the other facts.
    static func remoteServer(in text: String) -> (host: String?, ip: String?) {
        let collapsed = Prepared(text).collapsed
        return collapsed.isEmpty ? (nil, nil) : remote(collapsed, lowered: ASCIIText.lowercased(collapsed))
    }

    /// A text cut to `maximumLength`, with its white space collapsed to single spaces for the whole-text patterns.
    private struct Prepared {
        let limited: String
        let isASCII: Bool
        let collapsed: String

        init(_ text: String) {
            // A text of at most `maximumLength` bytes has at most as many characters: counting them is then not
            // needed.
            let tooLong = text.utf8.count > ErrorTextParser.maximumLength && text.count > ErrorTextParser.maximumLength
            limited = tooLong ? String(text.prefix(ErrorTextParser.maximumLength)) : text
            isASCII = ASCIIText.isASCII(limited)
            collapsed =
                isASCII
                ? ASCIIText.collapsingWhitespace(limited)
                : limited.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }

        var lines: [String] {
            isASCII ? ASCIIText.lines(limited) : limited.split(whereSeparator: \.isNewline).map(String.init)
        }
    }

    /// The reply of a prepared text: an Exchange protocol-log line's, else the first failure reply among the lines,
    /// else one in the collapsed text; and whether it came from an Exchange protocol-log line.
    private static func reply(of prepared: Prepared) -> (reply: Reply?, exchange: Bool) {
        let lines = prepared.lines
        let exchangeLine = lines.lazy.compactMap(Self.exchangeProtocolLogReply).first
        return (exchangeLine.flatMap(reply) ?? reply(in: lines) ?? reply(prepared.collapsed), exchangeLine != nil)
    }

    // MARK: - Replies

    struct Reply {
        var code: Int?
        var enhanced: String?
        var text: String
    }

    /// An ASCII text is searched by `ReplyCodeScanner`, which finds the same match byte by byte.
    static let codeAndEnhanced = LiteralPattern(
        #"(?<![\w.])([245][0-5]\d)(?:[ -]|,\s*b?['"]|\)\s*|\s*\(|#)#?([245]\.\d{1,3}\.\d{1,3})(?![\d.]*\d)"#,
        prerequisite: { ASCIIText.hasReplyCodeStart($0) && ASCIIText.hasEnhancedCodeStart($0) })
    /// An ASCII text is searched by `LeadingReplyCodeScanner` (through `leadingCodeMatch`), which finds the same
    /// match byte by byte.
    static let leadingCode = LiteralPattern(
        #"^\W{0,3}([245][0-5]\d)(?:[ -](.*))?$"#, prerequisite: ASCIIText.hasReplyCodeStart)
    private static let markedCode = LiteralPattern(
        #"(?:said:|returned ['"]?|response(?: was)?:|code:?|responsecode:?|error:|failed:|\(|reply:|login:|client:|<-|->)\s*#?([245][0-5]\d)\b(?![.:]\d)"#,
        gate: { ASCIIText.hasReplyCode($0) && ASCIIText.containsAny($0, [":", "(", "returned", "code", "<-", "->"]) },
        prerequisite: ASCIIText.hasReplyCodeStart)
    private static let enhancedOnly = LiteralPattern(
        #"(?<![\w.])#?([245]\.\d{1,3}\.\d{1,3})(?![\d.]*\d)"#, gate: { ASCIIText.hasEnhancedCode($0) },
        prerequisite: ASCIIText.hasEnhancedCodeStart)

    /// `leadingCode`'s match in a text.
    private static func leadingCodeMatch(_ text: String) -> Match? {
        ASCIIText.isASCII(text) ? LeadingReplyCodeScanner.leadingCode(in: text) : leadingCode.firstMatch(in: text)
    }

    /// The first failure reply among the lines, joining the lines of a multi-line reply.
    private static func reply(in lines: [String]) -> Reply? {
        var found: [Reply] = []
        for line in lines {
            let trimmed =
                ASCIIText.isASCII(line) ? ASCIIText.trimmingSpaces(line) : line.trimmingCharacters(in: .whitespaces)
            guard let reply = reply(trimmed) else { continue }
            if let last = found.last, last.code == reply.code, last.enhanced == reply.enhanced, lines.count > 1 {
                found[found.count - 1].text += " " + reply.text
            } else {
                found.append(reply)
            }
        }
        return found.first { ($0.code ?? 500) >= 400 || ($0.enhanced?.first ?? "5") != "2" } ?? found.first
    }

    /// Finds a reply in one piece of text: a code with an enhanced code, a code at the start or after a
    /// marker such as `said:`, or an enhanced code alone.
    static func reply(_ text: String) -> Reply? {
        let codeAndEnhancedMatch =
            ASCIIText.isASCII(text)
            ? ReplyCodeScanner.codeAndEnhanced(in: text) : codeAndEnhanced.firstMatch(in: text)
        if let match = codeAndEnhancedMatch {
            return Reply(code: Int(match[1]), enhanced: match[2], text: tail(text, after: match.end))
        }
        if let match = leadingCodeMatch(text) {
            let rest = match.count > 2 ? match[2] : ""
            let enhanced = enhancedOnly.firstMatch(in: rest).map { $0[1] }
            return Reply(code: Int(match[1]), enhanced: enhanced, text: enhanced == nil ? rest : tail(rest, after: 0))
        }
        let lowered = ASCIIText.lowercased(text)
        if let match = markedCode.firstMatch(in: lowered) {
            let enhanced = enhancedOnly.firstMatch(in: text).map { $0[1] }
            return Reply(code: Int(match[1]), enhanced: enhanced, text: tail(text, after: match.end))
        }
        if let match = enhancedOnly.firstMatch(in: text) {
            return Reply(code: nil, enhanced: match[1], text: tail(text, after: match.end))
        }
        return nil
    }

    /// What `tail(_:after:)` drops from both ends of a reply's text.
    private static let tailPunctuation = CharacterSet(charactersIn: " '\"-:")

    private static func tail(_ text: String, after offset: Int) -> String {
        let utf16 = text.utf16
        guard offset <= utf16.count,
            let start = utf16.index(utf16.startIndex, offsetBy: offset, limitedBy: utf16.endIndex)
        else { return "" }
        var rest = ASCIIText.trimmingWhitespaces(text[start...])
        let enhancedPrefix = enhancedOnly.firstMatch(in: rest)
        if let enhancedPrefix, enhancedPrefix.start == 0 { rest = String(rest.dropFirst(enhancedPrefix.end)) }
        return ASCIIText.trimming(rest, tailPunctuation) { " '\"-:".utf8.contains($0) }
    }

    // MARK: - Exchange protocol logs

    /// The data field of an Exchange protocol-log line (`date-time,connector,session,seq,local,remote,event,data,context`)
    /// whose event is a reply received (`<`) or sent (`>`).
    static func exchangeProtocolLogReply(_ line: String) -> String? {
        // The date starts with a digit (`\d` is any decimal digit, so a non-ASCII first character may be one), and
        // eight fields need seven commas: most lines fail these byte tests and are never split.
        guard let first = line.utf8.first, first >= 0x80 || (0x30...0x39).contains(first),
            line.utf8.lazy.filter({ $0 == UInt8(ascii: ",") }).count >= 7
        else { return nil }
        let fields = line.split(separator: ",", maxSplits: 8, omittingEmptySubsequences: false)
        guard fields.count >= 8, fields[0].range(of: #"^\d{4}-\d\d-\d\dT"#, options: .regularExpression) != nil,
            ["<", ">"].contains(fields[6].trimmingCharacters(in: .whitespaces))
        else { return nil }
        let data = fields[7].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        return leadingCodeMatch(data) == nil ? nil : data
    }

    // MARK: - Stage, remote host, format

    private static let stages: [(pattern: LiteralPattern, stage: String)] = [
        (pattern(#"(?i)(?:in reply to|after|while sending) (?:the )?end of data"#), "end-of-data"),
        (pattern(#"(?i)(?:in reply to|after|while sending) (?:the )?rcpt to"#), "rcpt-to"),
        (pattern(#"(?i)(?:in reply to|after|while sending) (?:the )?mail from"#), "mail-from"),
        (pattern(#"(?i)(?:in reply to|after|while sending) (?:the )?data\b"#), "data"),
        (pattern(#"(?i)(?:in reply to|after|while sending) (?:the )?(?:ehlo|helo)"#), "ehlo"),
        (pattern(#"(?i)(?:in reply to|after|while sending) (?:the )?starttls"#), "starttls"),
        (pattern(#"(?i)(?:in reply to|after|while sending) (?:the )?auth\b"#), "auth"),
        (pattern(#"(?i)(?:in reply to|after|while sending) (?:the )?quit"#), "quit"),
        (pattern(#"(?i)(?:initial )?server greeting|receiving the initial"#), "greeting"),
    ]

    /// Words one of which every stage phrase contains, to skip the patterns for the many texts that name no stage.
    private static let stageWords = ["in reply to", "after ", "while sending", "greeting", "receiving the initial"]

    /// The stage a text names; `lowered` is the text lower-cased.
    private static func stage(_ text: String, lowered: String) -> String? {
        guard stageWords.contains(where: { TextSearch.contains(lowered, $0) }) else { return nil }
        return stages.first { $0.pattern.matches(text) }?.stage
    }

    private static let hostWithAddress = pattern(
        #"(?i)(?:host|connect to|from|to)\s+([a-z0-9][a-z0-9.-]*\.[a-z]{2,})\[([0-9a-f.:]+)\]"#)
    private static let namedHost = pattern(
        #"(?i)(?:smtp host:?|generating server:|remote-mta:\s*dns;|remote server:|host)\s+([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)"#
    )
    private static let addressWithPort = LiteralPattern(
        #"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?![\w.])"#, gate: { ASCIIText.mayHaveIPv4Address($0) },
        prerequisite: { $0.utf8.lazy.filter { $0 == UInt8(ascii: ".") }.count >= 3 })

    private static let hostWords = ["host", "generating server", "remote-mta", "remote server"]

    /// The remote server a text names; `lowered` is the text lower-cased.
    private static func remote(_ text: String, lowered: String) -> (host: String?, ip: String?) {
        if text.utf8.contains(UInt8(ascii: "[")), let match = hostWithAddress.firstMatch(in: text) {
            return (match[1].lowercased(), match[2])
        }
        let named = hostWords.contains { TextSearch.contains(lowered, $0) } ? namedHost.firstMatch(in: text) : nil
        let host = named.map { $0[1].lowercased() }.flatMap { $0.contains(".") ? $0 : nil }
        let ip = addressWithPort.firstMatch(in: text).map { $0[1] }
        return (host, ip)
    }

    private static let ndrMarkers = LiteralPattern(
        #"(?i)remote server returned|diagnostic information for administrators|delivery has failed|#\s?[45]\d\d|generating server:|undeliverable|mail delivery (?:subsystem|failed)"#,
        gate: {
            ASCIIText.containsAny(
                $0,
                [
                    "#", "remote server returned", "diagnostic information for administrators", "delivery has failed",
                    "generating server:", "undeliverable", "mail delivery ",
                ])
        })
    private static let postfixMarkers = LiteralPattern(
        #"(?i)\bsaid: [245]\d\d|postfix/|status=(?:bounced|deferred)|\(in reply to "#,
        gate: { ASCIIText.containsAny($0, ["said: ", "postfix/", "status=", "(in reply to "]) })

    private static func format(_ text: String, reply: Reply?, exchange: Bool) -> String {
        if exchange { return "exchange-protocol-log" }
        if postfixMarkers.matches(text) { return "postfix-log" }
        if ndrMarkers.matches(text) { return "ndr" }
        guard let reply else { return "text" }
        if reply.text.isEmpty { return "bare-code" }
        return leadingCodeMatch(text) != nil ? "smtp-reply" : "text"
    }

    private static func pattern(_ source: String) -> LiteralPattern {
        LiteralPattern(source)
    }

    /// Every pattern of the parser, for the test that each one compiles.
    static var literalPatterns: [LiteralPattern] {
        [
            codeAndEnhanced, leadingCode, markedCode, enhancedOnly, hostWithAddress, namedHost, addressWithPort,
            ndrMarkers, postfixMarkers,
        ] + stages.map(\.pattern)
    }
}

/// The groups of a regular-expression match as strings.
struct Match {
    let groups: [String]
    let start: Int
    let end: Int
    var count: Int { groups.count }
    subscript(index: Int) -> String { index < groups.count ? groups[index] : "" }
}

extension NSRegularExpression {
    func firstMatch(in text: String) -> Match? {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let result = firstMatch(in: text, options: [], range: range) else { return nil }
        let groups = (0..<result.numberOfRanges).map { index -> String in
            let range = result.range(at: index)
            guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return "" }
            return String(text[swiftRange])
        }
        return Match(groups: groups, start: result.range.location, end: result.range.location + result.range.length)
    }
}

import Foundation

/// Failure events in a bounce message: an RFC 3464 delivery status notification, or the plain-text bodies that
/// Exchange / Microsoft 365, Gmail, Postfix, Exim and Sendmail write.
///
/// With a `message/delivery-status` part, each per-recipient block whose `Action` is `failed` or `delayed` is an
/// event; its `Diagnostic-Code` (or `Status`) is the failure text, `Remote-MTA` the relay.
/// ```
/// Final-Recipient: rfc822; bob@example.com
/// Action: failed
/// Status: 5.1.1
/// Remote-MTA: dns; mx.example.com
/// Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown
/// ```
/// Without one, the human-readable text before the returned message is the failure text when it holds a 4xx or
/// 5xx reply or enhanced code, comes from a delivery system, or returns the message and says it was not delivered;
/// the recipients are the addresses in it other than the bounce's own addressee. The SMTP command of a failure comes
/// from `BounceStage` when the failure text names none.
struct BounceMessageParser {
    let input: String

    /// Messages larger than this are cut; the report parts of a bounce come before the returned message.
    static let maximumMessageSize = 4 << 20
    /// How much of a plain-text bounce body is kept as the failure text.
    static let maximumBodyText = 8 * 1024

    /// The media types of delivery-status parts (RFC 3464, RFC 6533).
    private static let statusTypes: Set<String> = [
        "message/delivery-status", "message/global-delivery-status", "text/delivery-status",
    ]

    /// The events of one message; empty when the message is not a bounce. `latin1`: each character of `text` is
    /// one byte of a message that is not UTF-8 (see `MIMEEntity`).
    func parse(_ text: Substring, latin1: Bool = false, line: Int, format: LogFormat) -> [FailureEvent] {
        // CR LF is one Character in Swift; MIMEEntity splits on "\n", so line ends are made LF first.
        let message = MIMEEntity(
            text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n")[...] : text, latin1: latin1)
        let date = message.headers["date"].flatMap(LogTimestamp.parse)
        let subject = message.headers["subject"] ?? ""
        let parts = message.allParts
        let textPart =
            parts.first { $0.parts.isEmpty && $0.mediaType == "text/plain" }
            ?? parts.first {
                $0.parts.isEmpty && $0.mediaType.hasPrefix("text/") && !Self.statusTypes.contains($0.mediaType)
            }
            ?? message
        let explanation = Self.leavesOutsideReturnedMessage(message).first { $0.mediaType == "text/plain" }?.body ?? ""
        if let report = parts.first(where: { Self.statusTypes.contains($0.mediaType) }) {
            let events = deliveryStatus(report.body, date: date, subject: subject, line: line, format: format)
            if !events.isEmpty { return withStage(withExplanations(events, from: explanation), from: explanation) }
        }
        // A report whose MIME structure is broken (a lost boundary, a report pasted as text) still has its fields.
        for part in parts where part.parts.isEmpty {
            guard let fields = Self.statusFields(in: part.body) else { continue }
            let events = deliveryStatus(fields, date: date, subject: subject, line: line, format: format)
            if !events.isEmpty { return withStage(withExplanations(events, from: explanation), from: explanation) }
        }
        let events = plainText(
            textPart.body, message: message, date: date, subject: subject, line: line, format: format)
        return withStage(events, from: textPart.body)
    }

    /// Events get the SMTP command the human-readable part names (a session transcript, "in reply to RCPT TO"),
    /// when their own text names none: a DSN's diagnostic code rarely says which command failed.
    private func withStage(_ events: [FailureEvent], from humanReadable: String) -> [FailureEvent] {
        guard !events.isEmpty, let stage = BounceStage.stage(in: Self.reportRegion(humanReadable)) else {
            return events
        }
        return events.map { event in
            var event = event
            if event.stage == nil, BounceStage.stage(in: event.text) == nil { event.stage = stage }
            return event
        }
    }

    /// Events of a delivery status notification whose recipient block has no `Diagnostic-Code` get the
    /// human-readable part's words about their recipient (or, for one recipient, the whole explanation): that part
    /// is the only place such a report says why delivery failed.
    private func withExplanations(_ events: [FailureEvent], from humanReadable: String) -> [FailureEvent] {
        guard events.contains(where: { $0.text.hasPrefix(Self.statusOnlyPrefix) }) else { return events }
        let region = Self.reportRegion(humanReadable)
        guard !region.isEmpty else { return events }
        let recipients = events.compactMap(\.recipient)
        return events.map { event in
            guard event.text.hasPrefix(Self.statusOnlyPrefix) else { return event }
            var event = event
            var about = region
            if events.count > 1, let recipient = event.recipient {
                about = Self.paragraph(about: recipient, in: region, others: recipients)
            }
            let status = event.text.dropFirst(Self.statusOnlyPrefix.count)
            let text =
                Self.isUnspecified(status) && Self.hasSpecificCode(about)
                ? about + "\n" + event.text : event.text + "\n" + about
            event.text = String(text.prefix(Self.maximumBodyText))
            return event
        }
    }

    /// The leaf parts of a message that belong to the report itself, not to the message it returns.
    private static func leavesOutsideReturnedMessage(_ entity: MIMEEntity) -> [MIMEEntity] {
        if entity.mediaType == "message/rfc822" || entity.mediaType == "text/rfc822-headers" { return [] }
        return entity.parts.isEmpty ? [entity] : entity.parts.flatMap(leavesOutsideReturnedMessage)
    }

    /// Whether an enhanced status code is `X.0.0`, "other or undefined status" (RFC 3463 §3.1): it says less than
    /// any specific code the same report gives.
    static func isUnspecified(_ code: Substring) -> Bool {
        code.count == 5 && code.hasSuffix(".0.0") && "245".contains(code.first ?? " ")
    }

    /// Whether a text holds an enhanced status code (`5.1.1`, `4.7.26`) other than an unspecified `X.0.0`.
    static func hasSpecificCode(_ text: String) -> Bool {
        text.split { !($0.isASCII && ($0.isNumber || $0 == ".")) }.contains { word in
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 1, "245".contains(parts[0]),
                (1...3).contains(parts[1].count), (1...3).contains(parts[2].count)
            else { return false }
            return !isUnspecified(word)
        }
    }

    /// How the text of an event without a diagnostic starts: the `Status` field alone.
    private static let statusOnlyPrefix = "Status: "

    // MARK: - RFC 3464

    private func deliveryStatus(
        _ body: String, date: LogTimestamp?, subject: String, line: Int, format: LogFormat
    ) -> [FailureEvent] {
        let blocks = body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { MIMEEntity.split(Substring($0 + "\n")).0 }.filter { !$0.isEmpty }
        guard let first = blocks.first else { return [] }
        let perMessage = first["final-recipient"] == nil ? first : [:]
        let arrival = perMessage["arrival-date"].flatMap(LogTimestamp.parse)
        return blocks.compactMap { fields -> FailureEvent? in
            guard let recipient = fields["final-recipient"] ?? fields["original-recipient"] else { return nil }
            let action = fields["action"]?.lowercased()
            let statusCode = fields["status"]?.prefix { !$0.isWhitespace } ?? ""
            let status: FailureStatus
            switch action {
            case "failed": status = .bounced
            case "delayed": status = .delayed
            case nil where statusCode.hasPrefix("5"): status = .bounced
            case nil where statusCode.hasPrefix("4"): status = .delayed
            default: return nil
            }
            let diagnostic = fields["diagnostic-code"].map(Self.dropType)
            // An unspecified status (X.0.0) goes after the diagnostic, so that a specific code the remote server
            // gave is the one read.
            let text =
                diagnostic.map { diagnostic in
                    if statusCode.isEmpty || diagnostic.contains(statusCode) { return diagnostic }
                    return Self.isUnspecified(statusCode) && Self.hasSpecificCode(diagnostic)
                        ? "\(diagnostic)\nStatus: \(statusCode)" : "\(statusCode) \(diagnostic)"
                }
                ?? "Status: \(statusCode)"
            var event = FailureEvent(
                format: format, input: input, line: line,
                time: fields["last-attempt-date"].flatMap(LogTimestamp.parse) ?? arrival ?? date, status: status,
                recipient: Self.dropType(recipient), text: text,
                sample: LogText.sample("\(subject) | \(Self.dropType(recipient)): \(text)"))
            if let mta = fields["remote-mta"] {
                // `dns; gmail-smtp-in.l.google.com. (142.250.27.26, the server for …)`: the name is the first word.
                var host = String(Self.dropType(mta).prefix { !$0.isWhitespace && $0 != "(" })
                if host.hasSuffix(".") { host.removeLast() }
                if host.first?.isNumber == true || host.hasPrefix("[") {
                    event.remoteIP = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                } else {
                    event.remoteHost = host.lowercased()
                }
            }
            return event
        }
    }

    /// The delivery-status fields inside a text, from the first `Final-Recipient:` block's message fields on;
    /// nil when the text holds none.
    static func statusFields(in text: String) -> String? {
        guard let recipient = text.range(of: "\nfinal-recipient:", options: .caseInsensitive) else { return nil }
        // The per-message fields (Reporting-MTA, Arrival-Date) are the block just before, when there is one.
        let before = text[..<recipient.lowerBound]
        var start = text.index(after: recipient.lowerBound)
        if let blockStart = before.range(of: "\n\n", options: .backwards)?.upperBound,
            text[blockStart..<recipient.lowerBound].lowercased().contains("reporting-mta:")
        {
            start = blockStart
        }
        return String(text[start...])
    }

    /// `rfc822; bob@example.com` gives `bob@example.com`; `smtp; 550 …` gives `550 …`.
    private static func dropType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value.trimmingCharacters(in: .whitespaces) }
        return value[value.index(after: semicolon)...].trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Plain-text bounces

    /// Local parts of the addresses that delivery systems send bounces from (RFC 5321 §4.5.1, RFC 3834 §3.2).
    private static let deliverySystemNames: Set<String> = [
        "mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon", "maildaemon", "mailer_daemon",
    ]

    /// Whether the message comes from a delivery system: a null reverse path or a daemon/postmaster sender.
    static func isFromDeliverySystem(_ message: MIMEEntity) -> Bool {
        if let path = message.headers["return-path"] {
            let compact = path.filter { !$0.isWhitespace }.lowercased()
            let local = compact.drop { $0 == "<" }.prefix { $0 != "@" && $0 != ">" }
            if compact == "<>" || deliverySystemNames.contains(String(local)) { return true }
        }
        guard let from = message.headers["from"] else { return false }
        let words = from.lowercased().split { " \t<>\"(),".contains($0) }
        return words.contains { word in
            deliverySystemNames.contains(String(word.prefix { $0 != "@" }))
        }
    }

    private func plainText(
        _ body: String, message: MIMEEntity, date: LogTimestamp?, subject: String, line: Int, format: LogFormat
    ) -> [FailureEvent] {
        let region = Self.reportRegion(body)
        let reply = Self.reply(in: region)
        let listed = message.headers["x-failed-recipients"].map(Self.addresses(in:)) ?? []
        guard
            reply.isFailure || !listed.isEmpty || Self.isFromDeliverySystem(message)
                || (Self.returnsAMessage(message) && Self.saysUndelivered(region))
        else { return [] }
        let own = Set(
            ["to", "from", "reply-to"].compactMap { message.headers[$0] }.flatMap(Self.addresses(in:)).map {
                $0.lowercased()
            })
        var seen: Set<String> = []
        let candidates = (listed.isEmpty ? Self.addresses(in: region) : listed).filter { address in
            !own.contains(address.lowercased()) && seen.insert(address.lowercased()).inserted
        }
        // A daemon's or postmaster's address in the text is usually the bounce's own signature; when it is the only
        // address named, it is the recipient that failed (mail to postmaster@ bounces too).
        let named = candidates.filter { address in
            !Self.deliverySystemNames.contains(String(address.lowercased().prefix { $0 != "@" }))
        }
        let recipients = named.isEmpty ? candidates : named
        guard reply.isFailure || !recipients.isEmpty else { return [] }
        let firstLine = region.split(separator: "\n").first.map(String.init) ?? ""
        let sample = LogText.sample("\(subject) | \(firstLine)")
        guard recipients.count > 1 else {
            // The lines about the recipient, when they hold the reply, say it without the report's boilerplate
            // ("could not be delivered to one or more of its recipients"), whose words are not the failure's.
            let own = recipients.first.map { Self.paragraph(about: $0, in: region, others: recipients) } ?? ""
            let ownReply = Self.reply(in: own)
            return [
                FailureEvent(
                    format: format, input: input, line: line, time: date,
                    status: reply.isTransient ? .delayed : .bounced, recipient: recipients.first,
                    text: ownReply.isFailure ? own : region, sample: sample)
            ]
        }
        let preamble = Self.preamble(of: region, before: recipients)
        return recipients.map { recipient in
            let own = Self.paragraph(about: recipient, in: region, others: recipients)
            let ownReply = Self.reply(in: own)
            let text = ownReply.isFailure ? own : own + "\n\n" + preamble
            return FailureEvent(
                format: format, input: input, line: line, time: date,
                status: (ownReply.isFailure ? ownReply : reply).isTransient ? .delayed : .bounced,
                recipient: recipient, text: String(text.prefix(Self.maximumBodyText)), sample: sample)
        }
    }

    /// Whether the message carries a returned message (`message/rfc822` or `text/rfc822-headers`), as a non-delivery
    /// report sent from an ordinary address does.
    static func returnsAMessage(_ message: MIMEEntity) -> Bool {
        message.allParts.contains { $0.mediaType == "message/rfc822" || $0.mediaType == "text/rfc822-headers" }
    }

    /// Phrases with which a report says that a message was not delivered.
    private static let undeliveredPhrases = [
        "could not be delivered", "was not delivered", "undeliverable", "unable to deliver", "delivery failed",
        "delivery has failed", "failed to deliver", "delivery to the following recipient", "non-delivery",
    ]

    /// Whether a text says that a message was not delivered.
    static func saysUndelivered(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return undeliveredPhrases.contains { lowered.contains($0) }
    }

    /// The reply code and enhanced status code in a text, as the error-text parser reads them.
    private static func reply(in text: String) -> (isFailure: Bool, isTransient: Bool) {
        let facts = ErrorTextParser().parse(text).facts
        let code = facts.first { $0.name == "reply.code" }?.value.intValue
        let enhanced = facts.first { $0.name == "reply.enhanced" }?.value.stringValue
        let failure = (code ?? 0) >= 400 || enhanced?.first == "4" || enhanced?.first == "5"
        return (failure, (code.map { $0 < 500 } ?? false) || enhanced?.first == "4")
    }

    /// The lines before the first one naming a recipient: what the bounce says about all of them.
    static func preamble(of region: String, before recipients: [String]) -> String {
        let lowered = recipients.map { $0.lowercased() }
        let lines = region.split(separator: "\n", omittingEmptySubsequences: false)
        let end = lines.firstIndex { line in lowered.contains { line.lowercased().contains($0) } } ?? lines.endIndex
        return lines[..<end].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The lines about one recipient of several: from the first line naming it up to the first line naming
    /// another one (or the end of the region).
    static func paragraph(about recipient: String, in region: String, others: [String]) -> String {
        let lines = region.split(separator: "\n", omittingEmptySubsequences: false)
        let lower = recipient.lowercased()
        guard let start = lines.firstIndex(where: { $0.lowercased().contains(lower) }) else { return recipient }
        let rest = lines[(start + 1)...]
        let end =
            rest.firstIndex { line in
                let text = line.lowercased()
                return others.contains { $0.lowercased() != lower && text.contains($0.lowercased()) }
            } ?? lines.endIndex
        return lines[start..<end].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text before the returned message: up to the first header block of the original (`Received:`,
    /// `Return-Path:` at the start of a line after some text), at most `maximumBodyText` characters.
    static func reportRegion(_ body: String) -> String {
        var lines: [Substring] = []
        var size = 0
        let all = body.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in all.enumerated() {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            let lower = trimmed.prefix(13).lowercased()
            if size > 0 && (lower.hasPrefix("received:") || lower.hasPrefix("return-path:")) { break }
            // A header field and two more lines of a header start the returned message's header.
            let next = all[index...].prefix(3)
            if size > 0 && trimmed.first?.isWhitespace == false && next.count == 3 && next.allSatisfy(isHeaderLine) {
                break
            }
            lines.append(trimmed)
            size += trimmed.count + 1
            if size > maximumBodyText { break }
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `Name: value` with a field name as RFC 5322 allows it, or a folded continuation of one.
    private static func isHeaderLine(_ line: Substring) -> Bool {
        if line.first == " " || line.first == "\t" { return !line.allSatisfy(\.isWhitespace) }
        guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return false }
        return line[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// Email addresses in a text, in order.
    static func addresses(in text: String) -> [String] {
        var found: [String] = []
        for word in text.split(whereSeparator: { " \t\n\r<>(),;:'\"[]".contains($0) }) where word.contains("@") {
            let address = word.trimmingCharacters(in: CharacterSet(charactersIn: ".`"))
            let parts = address.split(separator: "@")
            guard parts.count == 2, parts[1].contains("."), !parts[0].isEmpty else { continue }
            found.append(address)
        }
        return found
    }
}

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
/// 5xx reply or enhanced code; the recipient is the first address in it other than the bounce's own addressee.
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

    /// The events of one message; empty when the message is not a bounce.
    func parse(_ text: Substring, line: Int, format: LogFormat) -> [FailureEvent] {
        // CR LF is one Character in Swift; MIMEEntity splits on "\n", so line ends are made LF first.
        let message = MIMEEntity(text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n")[...] : text)
        let date = message.headers["date"].flatMap(LogTimestamp.parse)
        let subject = message.headers["subject"] ?? ""
        let parts = message.allParts
        if let report = parts.first(where: { Self.statusTypes.contains($0.mediaType) }) {
            let events = deliveryStatus(report.body, date: date, subject: subject, line: line, format: format)
            if !events.isEmpty { return events }
        }
        let textPart = parts.first { $0.parts.isEmpty && $0.mediaType == "text/plain" } ?? message
        return plainText(textPart.body, message: message, date: date, subject: subject, line: line, format: format)
    }

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
            let text =
                diagnostic.map { statusCode.isEmpty || $0.contains(statusCode) ? $0 : "\(statusCode) \($0)" }
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

    /// `rfc822; bob@example.com` gives `bob@example.com`; `smtp; 550 …` gives `550 …`.
    private static func dropType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value.trimmingCharacters(in: .whitespaces) }
        return value[value.index(after: semicolon)...].trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Plain-text bounces

    private func plainText(
        _ body: String, message: MIMEEntity, date: LogTimestamp?, subject: String, line: Int, format: LogFormat
    ) -> [FailureEvent] {
        let region = Self.reportRegion(body)
        let facts = ErrorTextParser().parse(region).facts
        let code = facts.first { $0.name == "reply.code" }?.value.intValue
        let enhanced = facts.first { $0.name == "reply.enhanced" }?.value.stringValue
        guard (code ?? 0) >= 400 || enhanced?.first == "4" || enhanced?.first == "5" else { return [] }
        let addressee = message.headers["to"].flatMap { Self.addresses(in: $0).first }?.lowercased()
        let recipient = Self.addresses(in: region).first { $0.lowercased() != addressee }
        let transient = (code.map { $0 < 500 } ?? false) || enhanced?.first == "4"
        let firstLine = region.split(separator: "\n").first.map(String.init) ?? ""
        return [
            FailureEvent(
                format: format, input: input, line: line, time: date, status: transient ? .delayed : .bounced,
                recipient: recipient, text: region, sample: LogText.sample("\(subject) | \(firstLine)"))
        ]
    }

    /// The text before the returned message: up to the first header block of the original (`Received:`,
    /// `Return-Path:` at the start of a line after some text), at most `maximumBodyText` characters.
    static func reportRegion(_ body: String) -> String {
        var lines: [Substring] = []
        var size = 0
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            let lower = trimmed.prefix(13).lowercased()
            if size > 0 && (lower.hasPrefix("received:") || lower.hasPrefix("return-path:")) { break }
            lines.append(trimmed)
            size += trimmed.count + 1
            if size > maximumBodyText { break }
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
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

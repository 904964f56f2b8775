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
    /// How the SMTP command of a failure is read from the report's wording.
    var stages = BounceStage()
    /// The words of automatic replies' subjects and of reports that say a message was not delivered.
    var wording = BounceWording()
    /// How many inline forwardings deep this message is; a forwarded forward is read, nothing deeper.
    var forwardingDepth = 0

    /// Messages larger than this are cut; the report parts of a bounce come before the returned message.
    static let maximumMessageSize = 4 << 20
    /// How much of a plain-text bounce body is kept as the failure text.
    static let maximumBodyText = 8 * 1024

    /// The media types of delivery-status parts (RFC 3464, RFC 6533).
    private static let statusTypes: Set<String> = [
        "message/delivery-status", "message/global-delivery-status", "text/delivery-status",
    ]

    /// The events of one message; empty when the message is not a bounce. `latin1`: each character of `text` is
    /// one byte of a message that is not UTF-8 (see `MIMEEntity`). An event whose report names no remote MTA gets
    /// the server its own failure text names ("host mx.example.com[192.0.2.1] said: …").
    func parse(_ text: Substring, latin1: Bool = false, line: Int, format: LogFormat) -> [FailureEvent] {
        withRemoteServers(events(Self.entity(text, latin1: latin1), line: line, format: format))
    }

    /// The events of one message, as `parse` gives them, and, when it gave none, what kind of message it is (as
    /// `nonFailureKind` tells), from one reading of its MIME structure.
    func read(
        _ text: Substring, latin1: Bool = false, line: Int, format: LogFormat
    ) -> (events: [FailureEvent], nonFailure: NonFailureMessage?) {
        let message = Self.entity(text, latin1: latin1)
        let events = withRemoteServers(events(message, line: line, format: format))
        return (events, events.isEmpty ? nonFailureKind(of: message) : nil)
    }

    /// Events whose report names no remote MTA get the server their own failure text names.
    private func withRemoteServers(_ events: [FailureEvent]) -> [FailureEvent] {
        events.map { event in
            guard event.remoteHost == nil, event.remoteIP == nil else { return event }
            var event = event
            (event.remoteHost, event.remoteIP) = ErrorTextParser.remoteServer(in: event.text)
            return event
        }
    }

    private func events(_ message: MIMEEntity, line: Int, format: LogFormat) -> [FailureEvent] {
        let date = message.headers["date"].flatMap(LogTimestamp.parse)
        let subject = message.headers["subject"] ?? ""
        let parts = message.allParts
        let textPart =
            parts.first { $0.parts.isEmpty && $0.mediaType == "text/plain" }
            ?? parts.first {
                $0.parts.isEmpty && $0.mediaType.hasPrefix("text/") && !Self.statusTypes.contains($0.mediaType)
            }
            ?? message
        // A multipart whose boundary never appears is text too: a report pasted into it, with its explanation.
        let explanation =
            Self.leavesOutsideReturnedMessage(message).first {
                $0.mediaType == "text/plain" || $0.mediaType.hasPrefix("multipart/")
            }?.body ?? ""
        if let report = parts.first(where: { Self.statusTypes.contains($0.mediaType) }) {
            let events = deliveryStatus(report.body, date: date, subject: subject, line: line, format: format)
            if !events.isEmpty { return explained(events, by: explanation) }
            // A report whose every recipient was delivered, relayed or found deliverable tells of no failure.
            if Self.reportsOnlySuccess(report.body) { return [] }
        }
        // A report whose MIME structure is broken (a lost boundary, a report pasted as text) still has its fields.
        for part in parts where part.parts.isEmpty {
            guard let fields = Self.statusFields(in: part.body) else { continue }
            let events = deliveryStatus(fields, date: date, subject: subject, line: line, format: format)
            if !events.isEmpty { return explained(events, by: explanation) }
            if Self.reportsOnlySuccess(fields) { return [] }
        }
        if let notification = AmazonSESNotification(body: textPart.body) {
            return notificationEvents(notification, date: date, subject: subject, line: line, format: format)
        }
        if let notice = listManagerNotice(
            message, body: textPart.body, date: date, subject: subject, line: line, format: format)
        {
            return notice
        }
        if isAutoReply(message) { return [] }
        // A bounce a person forwarded inline, every line quoted with `>`, is read as the message it quotes.
        if forwardingDepth < 2, !Self.isFromDeliverySystem(message), let quoted = Self.quotedMessage(in: textPart.body)
        {
            let inner = BounceMessageParser(
                input: input, stages: stages, wording: wording, forwardingDepth: forwardingDepth + 1)
            let events = inner.parse(quoted, line: line, format: format)
            if !events.isEmpty { return events }
        }
        let region = Self.reportRegion(textPart.body)
        let events = plainText(
            textPart.body, region: region, message: message, date: date, subject: subject, line: line, format: format)
        return withStage(events.map(withQuotedReply), region: region)
    }

    /// What a message that gave no event is: a feedback-loop report (a `message/feedback-report` part), a delivery
    /// status notification of successes only, an automatic reply, or another message.
    private func nonFailureKind(of message: MIMEEntity) -> NonFailureMessage {
        let parts = message.allParts
        if parts.contains(where: { $0.mediaType == "message/feedback-report" }) { return .feedbackReport }
        let reports =
            parts.filter { Self.statusTypes.contains($0.mediaType) }.map(\.body)
            + parts.filter { $0.parts.isEmpty }.compactMap { Self.statusFields(in: $0.body) }
        if reports.contains(where: Self.reportsOnlySuccess) { return .successReport }
        let notifications = parts.filter { $0.parts.isEmpty }.compactMap { AmazonSESNotification(body: $0.body) }
        if notifications.contains(where: { $0.kind == .complaint }) { return .feedbackReport }
        if notifications.contains(where: { $0.kind == .delivery }) { return .successReport }
        return isAutoReply(message) ? .autoReply : .other
    }

    /// The message's MIME structure. CR LF is one Character in Swift and `MIMEEntity` splits on "\n", so line ends
    /// are made LF first.
    private static func entity(_ text: Substring, latin1: Bool) -> MIMEEntity {
        MIMEEntity(
            TextSearch.containsByte(0x0D, in: text) ? text.replacingOccurrences(of: "\r\n", with: "\n")[...] : text,
            latin1: latin1)
    }

    /// An event whose text is a provider's report quoting the remote server's reply (`BounceWording.quotedReply`)
    /// has that reply as its text: the report's own words ("it was rejected by the recipient domain") frame every
    /// failure alike and would outweigh what the server said. The server the report names keeps its place as the
    /// event's remote server.
    private func withQuotedReply(_ event: FailureEvent) -> FailureEvent {
        guard let reply = wording.quotedReply(in: event.text) else { return event }
        var event = event
        if event.remoteHost == nil, event.remoteIP == nil {
            (event.remoteHost, event.remoteIP) = ErrorTextParser.remoteServer(in: event.text)
        }
        event.text = reply
        return event
    }

    /// Events of a delivery status notification with the explanations and the stage its human-readable part gives.
    private func explained(_ events: [FailureEvent], by humanReadable: String) -> [FailureEvent] {
        let region = Self.reportRegion(humanReadable)
        return withStage(withExplanations(events, region: region), region: region)
    }

    /// Events get the SMTP command their own text names in a report's wording ("after initial connection"), or else
    /// the one the report region of the human-readable part names (a session transcript, "in reply to RCPT TO"): a
    /// DSN's diagnostic code rarely says which command failed.
    private func withStage(_ events: [FailureEvent], region: String) -> [FailureEvent] {
        guard !events.isEmpty else { return events }
        let regionStage = stages.stage(in: region)
        return events.map { event in
            var event = event
            if event.stage == nil { event.stage = stages.stage(in: event.text) ?? regionStage }
            return event
        }
    }

    /// Events of a delivery status notification whose recipient block has no `Diagnostic-Code` get the words of
    /// the human-readable part's report region about their recipient (or, for one recipient, the whole explanation):
    /// that part is the only place such a report says why delivery failed.
    private func withExplanations(_ events: [FailureEvent], region: String) -> [FailureEvent] {
        guard events.contains(where: { $0.text.hasPrefix(Self.statusOnlyPrefix) }), !region.isEmpty else {
            return events
        }
        let paragraphs =
            events.count > 1 ? RecipientParagraphs(region: region, recipients: events.compactMap(\.recipient)) : nil
        return events.map { event in
            guard event.text.hasPrefix(Self.statusOnlyPrefix) else { return event }
            var event = event
            var about = region
            if let paragraphs, let recipient = event.recipient {
                about = paragraphs.paragraph(about: recipient)
            }
            let status = event.text.dropFirst(Self.statusOnlyPrefix.count)
            let text =
                Self.isUnspecified(status) && Self.hasCode(in: about, moreSpecificThan: status)
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

    /// Whether an enhanced status code has the detail 0, the "other or undefined" status of its subject (RFC 3463
    /// §3: `X.0.0`, `X.1.0` … `X.7.0`), which a reporting server writes when it knows no more than that: it says
    /// less than any specific code the same report gives.
    static func isUnspecified(_ code: Substring) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].count == 1 && ["2", "4", "5"].contains(parts[0])
            && (1...3).contains(parts[1].count)
            && parts[1].allSatisfy { $0.isASCII && $0.isNumber } && parts[2] == "0"
    }

    /// Whether a text holds an enhanced status code that says more than the unspecified `status`: any code but
    /// `X.0.0` when that is the status (`5.1.1`, `4.7.0`), a code with a detail when the status names a subject
    /// (`5.7.1` beside `5.1.0`).
    static func hasCode(in text: String, moreSpecificThan status: Substring) -> Bool {
        let statusNamesSubject = !status.hasSuffix(".0.0")
        return text.split { !($0.isASCII && ($0.isNumber || $0 == ".")) }.contains { word in
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 1, ["2", "4", "5"].contains(parts[0]),
                (1...3).contains(parts[1].count), (1...3).contains(parts[2].count)
            else { return false }
            return statusNamesSubject ? !isUnspecified(word) : !(parts[1] == "0" && parts[2] == "0")
        }
    }

    /// How the text of an event without a diagnostic starts: the `Status` field alone.
    private static let statusOnlyPrefix = "Status: "

    // MARK: - RFC 3464

    /// Actions of RFC 3464 (and Postfix's address verification) that report no failure.
    private static let successActions: Set<String> = ["delivered", "relayed", "expanded", "deliverable"]

    /// Whether a delivery-status body has recipient blocks and every one reports a success.
    static func reportsOnlySuccess(_ body: String) -> Bool {
        let recipients = statusBlocks(body).filter { $0["final-recipient"] != nil || $0["original-recipient"] != nil }
        return !recipients.isEmpty
            && recipients.allSatisfy { fields in
                successActions.contains(fields["action"]?.lowercased() ?? "")
                    || (fields["action"] == nil && fields["status"]?.hasPrefix("2") == true)
            }
    }

    /// The field blocks of a delivery-status body. Blocks are separated by empty lines; a recipient field that
    /// follows another recipient's `Action` and the same field of that recipient without an empty line between
    /// starts a block of its own.
    static func statusBlocks(_ body: String) -> [[String: String]] {
        var blocks: [String] = []
        for paragraph in paragraphs(of: body) {
            var current: [Substring] = []
            var seen: Set<String> = []
            for line in paragraph.linesSplitAtLineFeeds(omittingEmptySubsequences: false) {
                let name = ASCIIText.lowercased(line.prefix { $0 != ":" })
                let isRecipient = name == "final-recipient" || name == "original-recipient"
                if isRecipient && seen.contains("action") && seen.contains(name) {
                    blocks.append(current.joined(separator: "\n"))
                    current = []
                    seen = []
                }
                if line.first != " " && line.first != "\t" { seen.insert(name) }
                current.append(line)
            }
            blocks.append(current.joined(separator: "\n"))
        }
        return blocks.map { MIMEEntity.split(Substring($0 + "\n")).0 }.filter { !$0.isEmpty }
    }

    /// The pieces of a text, CR LF made LF, between occurrences of "\n\n", as
    /// `components(separatedBy: "\n\n")` gives them. An ASCII text is searched byte by byte (a line feed is a
    /// character of its own); Foundation, which works on a UTF-16 copy of the text, reads any other.
    private static func paragraphs(of body: String) -> [Substring] {
        let text = TextSearch.containsByte(0x0D, in: body) ? body.replacingOccurrences(of: "\r\n", with: "\n") : body
        guard ASCIIText.isASCII(text) else { return text.components(separatedBy: "\n\n").map { $0[...] } }
        let bytes = text.utf8
        var pieces: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == 0x0A, next != bytes.endIndex, bytes[next] == 0x0A {
                pieces.append(text[start..<index])
                index = bytes.index(after: next)
                start = index
            } else {
                index = next
            }
        }
        pieces.append(text[start...])
        return pieces
    }

    private func deliveryStatus(
        _ body: String, date: LogTimestamp?, subject: String, line: Int, format: LogFormat
    ) -> [FailureEvent] {
        let blocks = Self.statusBlocks(body)
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
            // Not an RFC 3464 action, but some senders' word for a recipient given up after the retry period.
            case "expired": status = .expired
            case nil where statusCode.hasPrefix("5"): status = .bounced
            case nil where statusCode.hasPrefix("4"): status = .delayed
            default: return nil
            }
            let diagnostic = fields["diagnostic-code"].map(Self.dropType)
            // An unspecified status (X.0.0, X.1.0 … X.7.0) goes after the diagnostic, so that a specific code the
            // remote server gave is the one read.
            let text =
                diagnostic.map { diagnostic in
                    if statusCode.isEmpty || TextSearch.contains(diagnostic, String(statusCode)) { return diagnostic }
                    return Self.isUnspecified(statusCode) && Self.hasCode(in: diagnostic, moreSpecificThan: statusCode)
                        ? "\(diagnostic)\nStatus: \(statusCode)" : "\(statusCode) \(diagnostic)"
                }
                ?? "Status: \(statusCode)"
            // `rfc822; <bob@example.com>`: some servers keep the angle brackets of the SMTP path.
            let address = ASCIIText.trimming(Self.dropType(recipient), Self.angleBrackets) {
                $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            }
            var event = FailureEvent(
                format: format, input: input, line: line,
                time: fields["last-attempt-date"].flatMap(LogTimestamp.parse) ?? arrival ?? date, status: status,
                recipient: address, text: text, sample: LogText.sample("\(subject) | \(address): \(text)"))
            if let mta = fields["remote-mta"] {
                // `dns; gmail-smtp-in.l.google.com. (142.250.27.26, the server for …)`: the name is the first word.
                var host = String(Self.dropType(mta).prefix { !$0.isWhitespace && $0 != "(" })
                if host.hasSuffix(".") { host.removeLast() }
                if host.first?.isNumber == true || host.hasPrefix("[") {
                    event.remoteIP = ASCIIText.trimming(host, Self.squareBrackets) {
                        $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]")
                    }
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
        // Most parts hold no such field: an ASCII one is ruled out byte by byte, without Foundation's search, which
        // works on a UTF-16 copy of the text.
        if ASCIIText.isASCII(text), !ASCIIText.containsAny(text, [Self.recipientFieldStart]) { return nil }
        guard let recipient = text.range(of: Self.recipientFieldStart, options: .caseInsensitive) else { return nil }
        // The per-message fields (Reporting-MTA, Arrival-Date) are the block just before, when there is one.
        // Fields of the same recipient written before it (`Action`, `Status`, `Original-Recipient`, as some
        // servers order them) belong to its block, when the lines between hold nothing but fields.
        let before = text[..<recipient.lowerBound]
        let blockStart = before.range(of: "\n\n", options: .backwards)?.upperBound
        let previous = blockStart.map { text[$0..<recipient.lowerBound] } ?? ""
        let onlyFields =
            !previous.isEmpty && previous.linesSplitAtLineFeeds().allSatisfy { isHeaderLine($0) }
        let hasMessageFields = previous.lowercased().contains("reporting-mta:")
        var start = text.index(after: recipient.lowerBound)
        if let blockStart, hasMessageFields || onlyFields {
            start = blockStart
        }
        return String(text[start...])
    }

    /// The brackets around an address: `<bob@example.com>`.
    private static let angleBrackets = CharacterSet(charactersIn: "<>")
    /// The brackets around an address literal: `[192.0.2.1]`.
    private static let squareBrackets = CharacterSet(charactersIn: "[]")

    /// The start of the line of a `Final-Recipient` field, lower-case.
    private static let recipientFieldStart = "\nfinal-recipient:"

    /// `rfc822; bob@example.com` gives `bob@example.com`; `smtp; 550 …` gives `550 …`.
    private static func dropType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return ASCIIText.trimmingWhitespaces(value) }
        return ASCIIText.trimmingWhitespaces(value[value.index(after: semicolon)...])
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

    /// The events of a plain-text bounce body whose report region (`reportRegion(body)`) is `region`.
    private func plainText(
        _ body: String, region: String, message: MIMEEntity, date: LogTimestamp?, subject: String, line: Int,
        format: LogFormat
    ) -> [FailureEvent] {
        let listed = message.headers["x-failed-recipients"].map(Self.addresses(in:)) ?? []
        let own = Set(
            ["to", "from", "reply-to"].compactMap { message.headers[$0] }.flatMap(Self.addresses(in:)).map {
                $0.lowercased()
            })
        // A report that names no address at all before a header block (a summary of the returned message's header,
        // the returned message pasted as text) names the recipient in that block: the whole text is read then.
        var region = region
        if listed.isEmpty, Self.addresses(in: region).isEmpty {
            region = Self.trimmingWhitespace(String(body.prefix(Self.maximumBodyText)))
        }
        let failureReply = Self.holdsFailureReply(region)
        guard
            failureReply || !listed.isEmpty || Self.isFromDeliverySystem(message)
                || (Self.returnsAMessage(message) && wording.saysUndelivered(region))
        else { return [] }
        var seen: Set<String> = []
        let named = listed.isEmpty ? Self.namedRecipients(in: region) : listed
        // `X-Failed-Recipients` names the recipients outright, even one that is also the bounce's own Reply-To.
        let candidates = named.filter { address in
            (!listed.isEmpty || !own.contains(address.lowercased())) && seen.insert(address.lowercased()).inserted
        }
        // A daemon's or postmaster's address in the text is usually the bounce's own signature; when it is the only
        // address named, it is the recipient that failed (mail to postmaster@ bounces too).
        let others = candidates.filter { address in
            !Self.deliverySystemNames.contains(String(address.lowercased().prefix { $0 != "@" }))
        }
        var recipients = others.isEmpty ? candidates : others
        // A delivery status notification without any recipient block (Postfix writes "--- Delivery report
        // unavailable ---" when it lost its per-recipient records), whose text names no recipient either, failed
        // the returned message's addressees: its header is the only place left that names them.
        if recipients.isEmpty, listed.isEmpty, Self.hasReportWithoutRecipients(message) {
            recipients = Self.returnedMessageRecipients(message)
        }
        guard failureReply || !recipients.isEmpty else { return [] }
        let firstLine = region.linesSplitAtLineFeeds().first.map(String.init) ?? ""
        let sample = LogText.sample("\(subject) | \(firstLine)")
        // A returned message failed for good whatever its reply's class; only a warning that delivery goes on
        // ("this is a warning only") reports delays.
        let status: FailureStatus = wording.saysDelayed(region) ? .delayed : .bounced
        guard recipients.count > 1 else {
            // The lines about the recipient, when they hold the reply, say it without the report's boilerplate
            // ("could not be delivered to one or more of its recipients"), whose words are not the failure's.
            let own =
                recipients.first.map {
                    RecipientParagraphs(region: region, recipients: recipients).paragraph(about: $0)
                } ?? ""
            return [
                FailureEvent(
                    format: format, input: input, line: line, time: date,
                    status: status, recipient: recipients.first,
                    text: Self.holdsFailureReply(own) ? own : region, sample: sample)
            ]
        }
        let paragraphs = RecipientParagraphs(region: region, recipients: recipients)
        let preamble = paragraphs.preamble
        return recipients.map { recipient in
            let own = paragraphs.paragraph(about: recipient)
            let text = Self.holdsFailureReply(own) ? own : own + "\n\n" + preamble
            return FailureEvent(
                format: format, input: input, line: line, time: date,
                status: status, recipient: recipient, text: String(text.prefix(Self.maximumBodyText)), sample: sample)
        }
    }

    /// The events of an Amazon SES notification: one per bounced recipient, its diagnostic code the failure text
    /// (its status before it when the code does not hold it), or the status and SES's bounce type when SES gives no
    /// diagnostic code. Complaints and deliveries give none.
    private func notificationEvents(
        _ notification: AmazonSESNotification, date: LogTimestamp?, subject: String, line: Int, format: LogFormat
    ) -> [FailureEvent] {
        guard notification.kind == .bounce else { return [] }
        let time = notification.timestamp.flatMap(LogTimestamp.parse) ?? date
        return notification.recipients.map { recipient in
            let status = recipient.status ?? ""
            let diagnostic = recipient.diagnosticCode.map(Self.dropType) ?? ""
            var text = diagnostic
            if diagnostic.isEmpty {
                text = [status, notification.bounceType, notification.bounceSubType].filter { !$0.isEmpty }.joined(
                    separator: " ")
            } else if !status.isEmpty, !TextSearch.contains(diagnostic, status) {
                text = "\(status) \(diagnostic)"
            }
            var event = FailureEvent(
                format: format, input: input, line: line, time: time,
                status: recipient.action?.lowercased() == "delayed" ? .delayed : .bounced,
                recipient: recipient.address, text: String(text.prefix(Self.maximumBodyText)),
                sample: LogText.sample("\(subject) | \(recipient.address): \(text)"))
            event.remoteIP = notification.remoteIP
            return event
        }
    }

    /// The line with which fml ends a notice and starts the post it refused (its `WholeMail` title).
    private static let listManagerMarker = "\noriginal mail as follows:"

    /// The events of a notice of the fml mailing-list manager: a message with fml's `X-MLServer` header whose notice
    /// ("NOT MEMBER article from …") ends at the line "Original mail as follows:", after which fml writes the refused
    /// post with every line indented. The post failed to reach the addresses of its `To:`; the subject and the
    /// notice are the failure text. A notice sent back to the poster without the post ("You are not a member of this
    /// mailing list <list@example.org>.") names the list it refused in angle brackets: those addresses are the
    /// recipients then. Nil for any other message.
    private func listManagerNotice(
        _ message: MIMEEntity, body: String, date: LogTimestamp?, subject: String, line: Int, format: LogFormat
    ) -> [FailureEvent]? {
        guard message.headers["x-mlserver"] != nil else { return nil }
        // The marker may be the body's first line.
        let body = "\n" + body
        let notice: String
        let recipients: [String]
        if let marker = body.range(of: Self.listManagerMarker, options: .caseInsensitive) {
            notice = body[..<marker.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            let post = body[marker.upperBound...].linesSplitAtLineFeeds(omittingEmptySubsequences: false).map {
                $0.drop { $0 == " " || $0 == "\t" }
            }
            let header = post.drop { $0.isEmpty }.prefix { !$0.isEmpty }
            recipients = header.filter { $0.prefix(3).lowercased() == "to:" }.flatMap {
                Self.addresses(in: String($0.dropFirst(3)))
            }
        } else {
            notice = Self.trimmingWhitespace(String(body.prefix(Self.maximumBodyText)))
            recipients = Self.bracketedAddresses(in: notice)
        }
        guard !recipients.isEmpty else { return nil }
        let text = String((notice.isEmpty ? subject : subject + "\n" + notice).prefix(Self.maximumBodyText))
        return recipients.map { recipient in
            FailureEvent(
                format: format, input: input, line: line, time: date, status: .bounced, recipient: recipient,
                text: text, sample: LogText.sample("\(subject) | \(recipient)"))
        }
    }

    /// The addresses a text writes in angle brackets, `<list@example.org>`, in order.
    static func bracketedAddresses(in text: String) -> [String] {
        text.split(separator: "<", omittingEmptySubsequences: false).dropFirst().compactMap { piece -> String? in
            guard let close = piece.firstIndex(of: ">") else { return nil }
            let inner = String(piece[..<close])
            let found = addresses(in: inner)
            return found.count == 1 && found[0] == inner ? inner : nil
        }
    }

    /// The message quoted in a text (`> From: …` after "Begin forwarded message:"), unquoted: the consecutive quoted
    /// lines from the first quoted header field on, when at least three header fields start it; nil otherwise.
    static func quotedMessage(in body: String) -> Substring? {
        let lines = body.linesSplitAtLineFeeds(omittingEmptySubsequences: false)
        func unquoted(_ line: Substring) -> Substring {
            let rest = line.dropFirst()
            return rest.hasPrefix(" ") ? rest.dropFirst() : rest
        }
        guard
            let start = lines.firstIndex(where: { line in
                line.hasPrefix(">") && unquoted(line).first?.isWhitespace == false && isHeaderLine(unquoted(line))
            })
        else { return nil }
        let quoted = lines[start...].prefix { $0.hasPrefix(">") }.map(unquoted)
        guard quoted.prefix(3).count == 3, quoted.prefix(3).allSatisfy(isHeaderLine) else { return nil }
        return quoted.joined(separator: "\n")[...]
    }

    /// Whether the message is an automatic reply (RFC 3834 `Auto-Submitted: auto-replied`, or a subject that
    /// `wording` knows as an automatic reply's) from a person's address rather than from a delivery system, without a
    /// list of failed recipients: a vacation notice, not a delivery failure.
    func isAutoReply(_ message: MIMEEntity) -> Bool {
        guard message.headers["x-failed-recipients"] == nil else { return false }
        let submitted = message.headers["auto-submitted"]?.lowercased().hasPrefix("auto-replied") == true
        guard submitted || wording.isAutoReplySubject(message.headers["subject"] ?? "") else { return false }
        let words = (message.headers["from"] ?? "").lowercased().split { " \t<>\"(),".contains($0) }
        return !words.contains { Self.deliverySystemNames.contains(String($0.prefix { $0 != "@" })) }
    }

    /// Whether the message has a delivery-status part none of whose blocks names a recipient.
    static func hasReportWithoutRecipients(_ message: MIMEEntity) -> Bool {
        let reports = message.allParts.filter { statusTypes.contains($0.mediaType) }
        return !reports.isEmpty
            && reports.allSatisfy { report in
                statusBlocks(report.body).allSatisfy { $0["final-recipient"] == nil && $0["original-recipient"] == nil }
            }
    }

    /// The addresses of the `To` and `Cc` fields of the message a report returns (`message/rfc822` or
    /// `text/rfc822-headers`), in order; empty when it returns none.
    static func returnedMessageRecipients(_ message: MIMEEntity) -> [String] {
        guard
            let returned = message.allParts.first(where: {
                $0.mediaType == "message/rfc822" || $0.mediaType == "text/rfc822-headers"
            })
        else { return [] }
        let headers =
            returned.mediaType == "text/rfc822-headers"
            ? MIMEEntity.split(returned.body[...]).0 : returned.parts.first?.headers ?? [:]
        var seen: Set<String> = []
        return ["to", "cc"].compactMap { headers[$0] }.flatMap(addresses(in:)).filter {
            seen.insert($0.lowercased()).inserted
        }
    }

    /// Whether the message carries a returned message (`message/rfc822` or `text/rfc822-headers`), as a non-delivery
    /// report sent from an ordinary address does.
    static func returnsAMessage(_ message: MIMEEntity) -> Bool {
        message.allParts.contains { $0.mediaType == "message/rfc822" || $0.mediaType == "text/rfc822-headers" }
    }

    /// Whether a text holds a failure reply: a 4xx or 5xx code or a 4.x.x or 5.x.x enhanced code, as the error-text
    /// parser reads them. A text without the bytes such a code starts with is not parsed.
    private static func holdsFailureReply(_ text: String) -> Bool {
        guard mayHoldFailureCode(text) else { return false }
        let (code, enhanced) = ErrorTextParser.replyCodes(in: text)
        return (code ?? 0) >= 400 || enhanced?.first == "4" || enhanced?.first == "5"
    }

    /// Whether `4` or `5` is followed by `0`–`5` or by a dot somewhere in the text: the two ASCII bytes that every
    /// failure code the error-text parser reads starts with (its patterns spell them as literal ASCII characters).
    private static func mayHoldFailureCode(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.count >= 2
                && (0..<(bytes.count - 1)).contains { index in
                    (bytes[index] == UInt8(ascii: "4") || bytes[index] == UInt8(ascii: "5"))
                        && ((UInt8(ascii: "0")...UInt8(ascii: "5")).contains(bytes[index + 1])
                            || bytes[index + 1] == UInt8(ascii: "."))
                }
        }
    }

    /// The text before the returned message: up to the first header block of the original (`Received:`,
    /// `Return-Path:` at the start of a line after some text) or the delivery-status fields of a pasted report, at
    /// most `maximumBodyText` characters.
    static func reportRegion(_ body: String) -> String {
        var lines: [Substring] = []
        var size = 0
        // The lines are split as they are needed: the returned message after the region is never split.
        var all = LineFeedLines(body[...])
        // This line and the two after it.
        var next: [Substring] = []
        while true {
            while next.count < 3, let line = all.next() { next.append(line) }
            guard let line = next.first else { break }
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            let lower = trimmed.prefix(16).lowercased()
            if size > 0 && (lower.hasPrefix("received:") || lower.hasPrefix("return-path:")) { break }
            // The delivery-status fields of a report pasted as text are not its human-readable words.
            if size > 0 && (lower.hasPrefix("reporting-mta:") || lower.hasPrefix("final-recipient:")) { break }
            // A header field and two more lines of a header start the returned message's header.
            if size > 0 && trimmed.first?.isWhitespace == false && next.count == 3 && next.allSatisfy(isHeaderLine) {
                break
            }
            lines.append(trimmed)
            size += trimmed.count + 1
            if size > maximumBodyText { break }
            next.removeFirst()
        }
        return Self.trimmingWhitespace(lines.joined(separator: "\n"))
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, which drops Unicode scalars: ASCII white space is
    /// dropped byte by byte, and Foundation is asked only when a non-ASCII scalar is left at either end.
    static func trimmingWhitespace(_ text: String) -> String {
        let bytes = text.utf8
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while lower != upper, isSpace(bytes[lower]) { lower = bytes.index(after: lower) }
        while upper != lower, isSpace(bytes[bytes.index(before: upper)]) { upper = bytes.index(before: upper) }
        if lower == upper { return "" }
        guard bytes[lower] < 0x80 && bytes[bytes.index(before: upper)] < 0x80 else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return String(text[lower..<upper])
    }

    /// `Name: value` with a field name as RFC 5322 allows it, or a folded continuation of one.
    private static func isHeaderLine(_ line: Substring) -> Bool {
        // An ASCII line is one byte per Character, but for CR LF, which is neither a name's character nor a colon.
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = line.utf8
            if bytes.first == 0x20 || bytes.first == 0x09 {
                return !bytes.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
            }
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > bytes.startIndex else { return false }
            return bytes[..<colon].allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
        }
        if line.first == " " || line.first == "\t" { return !line.allSatisfy(\.isWhitespace) }
        guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return false }
        return line[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// The addresses of the `RCPT TO: <address>` lines with which a report lists the returned message's envelope
    /// (Apache James's "Message details"); a session transcript's `>>> RCPT To:` lines are not among them.
    static func envelopeRecipients(in region: String) -> [String] {
        region.linesSplitAtLineFeeds().flatMap { line -> [String] in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.prefix(8).lowercased() == "rcpt to:" else { return [] }
            return addresses(in: String(trimmed.dropFirst(8)))
        }
    }

    /// Address fields with which a report quotes the returned message's header (Exchange's "Your message  To: …
    /// Subject: …  Sent: … did not reach the following recipient(s)").
    private static let quotedAddressFields: Set<String> = ["to", "cc", "bcc", "from", "sender", "reply-to"]

    /// The addresses a report names, leaving out those only on lines quoting the returned message's address fields
    /// when it names others elsewhere.
    static func reportedAddresses(in region: String) -> [String] {
        let elsewhere = region.linesSplitAtLineFeeds().filter { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard let colon = trimmed.firstIndex(of: ":") else { return true }
            return !quotedAddressFields.contains(trimmed[..<colon].lowercased())
        }
        let found = addresses(in: elsewhere.joined(separator: "\n"))
        return found.isEmpty ? addresses(in: region) : found
    }

    /// Email addresses in a text, in order: the words (between white space and `<>(),;:'"[]`) with one `@`, a
    /// local part and a dotted domain, without the dots and backquotes around them.
    static func addresses(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes -> [String] in
            var found: [String] = []
            var start = 0
            var at = -1
            for index in 0...bytes.count {
                guard index == bytes.count || isAddressSeparator(bytes[index]) else {
                    if bytes[index] == UInt8(ascii: "@") && at < 0 { at = index }
                    continue
                }
                if at >= 0, let address = address(in: UnsafeBufferPointer(rebasing: bytes[start..<index])) {
                    found.append(address)
                }
                start = index + 1
                at = -1
            }
            return found
        }
    }

    /// Whether a byte ends a word that may hold an address.
    private static func isAddressSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: ":"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "]"):
            true
        default: false
        }
    }

    /// The address a word holding an `@` is, once the dots and backquotes around it are dropped: nil unless a
    /// non-empty local part comes before the `@`s and a dotted domain after them.
    private static func address(in word: UnsafeBufferPointer<UInt8>) -> String? {
        func isTrimmed(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ".") || byte == UInt8(ascii: "`") }
        var lower = word.startIndex
        var upper = word.endIndex
        while lower < upper, isTrimmed(word[lower]) { lower += 1 }
        while upper > lower, isTrimmed(word[upper - 1]) { upper -= 1 }
        let address = UnsafeBufferPointer(rebasing: word[lower..<upper])
        // As `split(separator: "@")` counts them: runs of `@` separate, and leading or trailing ones add no part.
        var parts: [Range<Int>] = []
        var partStart: Int?
        for index in address.indices {
            if address[index] == UInt8(ascii: "@") {
                if let begin = partStart { parts.append(begin..<index) }
                partStart = nil
            } else if partStart == nil {
                partStart = index
            }
        }
        if let begin = partStart { parts.append(begin..<address.endIndex) }
        guard parts.count == 2, address[parts[1]].contains(UInt8(ascii: ".")) else { return nil }
        return String(decoding: address, as: UTF8.self)
    }
}

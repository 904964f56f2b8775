import Foundation

/// Failure records in Exchange Server's W3C-style CSV logs: SmtpSend / SmtpReceive protocol logs and
/// message-tracking logs. The columns are taken from the `#Fields:` header, not assumed.
///
/// A protocol log is a conversation: a line whose `data` is a 4xx or 5xx reply is a failure; the session's last
/// command in the other direction gives the SMTP stage, its last `RCPT TO` the recipient, `remote-endpoint` the
/// other server. Replies received (`<`, SmtpSend) are our deliveries failing; replies sent (`>`, SmtpReceive) are
/// this server refusing mail.
/// ```
/// #Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context
/// 2026-05-01T06:07:12.101Z,Outbound to Contoso,08DEA74796A6E2C9,7,10.0.0.4:52611,203.0.113.7:25,<,550 5.1.1 User unknown,
/// ```
/// A message-tracking log has one line per event; `FAIL` and `DEFER` events are failures, with the reply in
/// `recipient-status` (`DSN` records the notification sent for a `FAIL` and is not counted again); `SEND` and
/// `RECEIVE` events of the `SMTP` source are counted as delivered and accepted messages for the failure rates
/// (a `RECEIVE` with directionality `Originating`, from the organisation's own senders, on the submission side).
/// A refusal by a receive connector on port 587 or 465, or at AUTH, is on the submission side.
/// ```
/// #Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,
///   event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,…
/// 2026-05-01T06:07:12.101Z,,,203.0.113.7,mx.example.com,,Outbound to Contoso,SMTP,FAIL,…,bob@example.com,
///   550 5.1.1 RESOLVER.ADR.RecipNotFound; not found,…
/// ```
struct ExchangeLogParser: LogLineParser {
    let input: String
    private var columns: [String: Int]
    private var sessions: [String: Session] = [:]

    /// Open sessions kept at most; the oldest are dropped, so a log without disconnect lines stays bounded.
    static let maximumSessions = 10_000

    /// The protocol-log columns, used until a `#Fields:` header says otherwise.
    static let protocolFields = [
        "date-time", "connector-id", "session-id", "sequence-number", "local-endpoint", "remote-endpoint", "event",
        "data", "context",
    ]

    private struct Session {
        var lastSent: String?
        var lastReceived: String?
        var recipient: String?
        var sawIntermediate = false
    }

    init(input: String) {
        self.input = input
        columns = Self.index(Self.protocolFields)
    }

    private static func index(_ names: [String]) -> [String: Int] {
        Dictionary(names.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func parse(_ line: UnsafeRawBufferPointer, number: Int) -> LineOutcome {
        guard line.count > 0 else { return .ignored }
        if line[0] == 0x23 {  // '#'
            let text = line.text
            if text.hasPrefix("#Fields:") {
                let names = text.dropFirst(8).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                columns = Self.index(names)
                sessions.removeAll()
            }
            return .ignored
        }
        let text = line.text
        let fields = CSVRecord.fields(text[...])
        if columns["event-id"] != nil { return tracking(fields, text, number) }
        return protocolLine(fields, text, number)
    }

    private func field(_ name: String, _ fields: [String]) -> String? {
        guard let index = columns[name], index < fields.count else { return nil }
        let value = fields[index]
        return value.isEmpty ? nil : value
    }

    // MARK: - Protocol logs

    private mutating func protocolLine(_ fields: [String], _ text: String, _ number: Int) -> LineOutcome {
        guard let event = field("event", fields), let session = field("session-id", fields) else { return .malformed }
        if event == "-" {
            sessions[session] = nil
            return .ignored
        }
        guard event == "<" || event == ">" else { return .ignored }
        let data = field("data", fields) ?? ""
        var state = sessions[session] ?? Session()
        defer {
            if sessions.count >= Self.maximumSessions && sessions[session] == nil { sessions.removeAll() }
            sessions[session] = state
        }
        guard let code = Self.replyCode(data) else {
            if event == ">" { state.lastSent = data } else { state.lastReceived = data }
            if data.uppercased().hasPrefix("RCPT TO:") {
                state.recipient = LogText.angled(after: "", in: data.dropFirst(8))
            }
            if data.uppercased().hasPrefix("DATA") || data.uppercased().hasPrefix("BDAT") {
                state.sawIntermediate = false
            }
            return .ignored
        }
        if code / 100 == 3 { state.sawIntermediate = true }
        guard code >= 400 else { return .ignored }
        let command = event == "<" ? state.lastSent : state.lastReceived
        let outgoing = event == "<"
        var failure = FailureEvent(
            format: .exchangeProtocolLog, input: input, line: number,
            time: field("date-time", fields).flatMap(LogTimestamp.parse),
            status: outgoing ? (code >= 500 ? .bounced : .deferred) : .rejected, text: data,
            sample: LogText.sample(text))
        failure.stage = command.flatMap { Self.stage(of: $0, afterIntermediate: state.sawIntermediate) }
        failure.recipient =
            failure.stage == "rcpt-to" || failure.stage == "data" || failure.stage == "end-of-data"
            ? state.recipient : nil
        failure.remoteIP = field("remote-endpoint", fields).map(Self.address)
        if !outgoing && (failure.stage == "auth" || field("local-endpoint", fields).map(Self.isSubmissionPort) == true)
        {
            failure.side = .submission
        }
        return .events([failure])
    }

    /// The code of an SMTP reply at the start of `data`.
    private static func replyCode(_ data: String) -> Int? {
        let digits = data.utf8.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let after = data.utf8.dropFirst(3).first
        guard after == nil || after == 0x20 || after == 0x2D else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// The stage of an SMTP command line (`RCPT TO:<…>` gives `rcpt-to`).
    static func stage(of command: String, afterIntermediate: Bool) -> String? {
        let verb = command.prefix { !$0.isWhitespace && $0 != ":" }.uppercased()
        switch verb {
        case "EHLO", "HELO": return "ehlo"
        case "STARTTLS", "X-ANONYMOUSTLS": return "starttls"
        case "AUTH", "X-EXPS": return "auth"
        case "MAIL": return "mail-from"
        case "RCPT": return "rcpt-to"
        case "DATA", "BDAT": return afterIntermediate ? "end-of-data" : "data"
        case "QUIT": return "quit"
        default: return nil
        }
    }

    /// Whether a local endpoint (`10.0.0.4:587`) is on a submission port, 587 or 465.
    private static func isSubmissionPort(_ endpoint: String) -> Bool {
        endpoint.hasSuffix(":587") || endpoint.hasSuffix(":465")
    }

    /// `203.0.113.7:25` gives `203.0.113.7`; `[2001:db8::1]:25` gives `2001:db8::1`.
    private static func address(_ endpoint: String) -> String {
        if endpoint.hasPrefix("["), let close = endpoint.firstIndex(of: "]") {
            return String(endpoint[endpoint.index(after: endpoint.startIndex)..<close])
        }
        guard endpoint.filter({ $0 == ":" }).count == 1, let colon = endpoint.lastIndex(of: ":") else {
            return endpoint
        }
        return String(endpoint[..<colon])
    }

    // MARK: - Message tracking

    private func tracking(_ fields: [String], _ text: String, _ number: Int) -> LineOutcome {
        guard let eventID = field("event-id", fields)?.uppercased() else { return .malformed }
        let status: FailureStatus
        switch eventID {
        case "FAIL": status = .bounced
        case "DEFER": status = .deferred
        case "SEND" where field("source", fields)?.uppercased() == "SMTP": return .delivered(.outbound)
        case "RECEIVE" where field("source", fields)?.uppercased() == "SMTP":
            // Mail from the organisation's own senders is marked Originating; mail from outside, Incoming.
            return .delivered(field("directionality", fields) == "Originating" ? .submission : .inbound)
        default: return .ignored
        }
        let recipients = (field("recipient-address", fields) ?? "").split(separator: ";").map(String.init)
        let statusText = field("recipient-status", fields) ?? ""
        let time = field("date-time", fields).flatMap(LogTimestamp.parse)
        let (host, ip) = Self.target(in: statusText)
        // The local server is in client-* or server-* depending on the event; only the status names the target.
        let events = (recipients.isEmpty ? [nil] : recipients.map { Optional($0) }).map { recipient in
            FailureEvent(
                format: .exchangeTrackingLog, input: input, line: number, time: time, status: status,
                recipient: recipient, sender: field("sender-address", fields), remoteHost: host, remoteIP: ip,
                text: statusText, sample: LogText.sample(text))
        }
        return events.isEmpty ? .malformed : .events(events)
    }

    /// `{FQDN=mx.example.com};{IP=203.0.113.7}` in a DEFER status.
    private static func target(in status: String) -> (String?, String?) {
        func value(_ key: String) -> String? {
            guard let start = status.byteRange(of: "{\(key)=") else { return nil }
            let value = status[start.upperBound...].prefix { $0 != "}" }
            return value.isEmpty ? nil : String(value)
        }
        return (value("FQDN")?.lowercased(), value("IP"))
    }
}

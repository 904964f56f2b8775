import Foundation

/// Failures in a message-trace CSV exported from Exchange Online, found by the names in its header row.
///
/// Three exports are common: `Get-MessageTrace | Export-Csv` (`Received`, `SenderAddress`, `RecipientAddress`,
/// `Status` … and no reason), `Get-MessageTraceDetail | Export-Csv` (`Date`, `Event`, `Detail` with the reason) and
/// the extended report of a historical search (the message-tracking columns, `date_time_utc`, `event_id`,
/// `recipient_status` …).
/// ```
/// "Received","SenderAddress","RecipientAddress","Subject","Status","ToIP","FromIP","Size","MessageId",…
/// "5/1/2026 6:07:12 AM","alerts@contoso.com","bob@example.com","Nightly report","Failed","203.0.113.7",…
/// ```
/// A row is a failure when its status or event is `Failed`, `Fail`, `FAIL`, `Defer`, `Deferred` or `DEFER`.
struct MessageTraceParser: LogLineParser {
    let input: String
    private var columns: [String: Int] = [:]

    /// Column names (lower-case, without `_` and `-`) for each thing the parser reads, in order of preference.
    private static let names: [String: [String]] = [
        "time": ["received", "datetimeutc", "date", "origintimestamputc", "timestamp", "datetime"],
        "status": ["status", "eventid", "event"],
        "recipient": ["recipientaddress", "recipient"],
        "sender": ["senderaddress", "sender"],
        "detail": ["detail", "recipientstatus", "reason", "failurereason"],
        "ip": ["toip", "serverip"],
    ]

    init(input: String) {
        self.input = input
    }

    /// Whether a line is a message-trace header row.
    static func isHeader(_ line: String) -> Bool {
        let fields = Set(CSVRecord.fields(line[...]).map(normalise))
        let hasStatus = !fields.isDisjoint(with: names["status", default: []])
        let hasRecipient = fields.contains("recipientaddress") || fields.contains("recipientstatus")
        return hasStatus && hasRecipient || fields.contains("messagetraceid") && hasStatus
    }

    private static func normalise(_ name: String) -> String {
        name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " }
    }

    mutating func parse(_ line: UnsafeRawBufferPointer, number: Int) -> LineOutcome {
        let text = line.text
        if text.hasPrefix("#") || text.trimmingCharacters(in: .whitespaces).isEmpty { return .ignored }
        let fields = CSVRecord.fields(text[...])
        if columns.isEmpty || Self.isHeader(text) {
            let names = fields.map(Self.normalise)
            columns = [:]
            for (key, candidates) in Self.names {
                if let index = candidates.lazy.compactMap({ names.firstIndex(of: $0) }).first { columns[key] = index }
            }
            return .ignored
        }
        guard let statusText = value("status", fields) else { return .malformed }
        let status: FailureStatus
        switch statusText.lowercased() {
        case "failed", "fail": status = .bounced
        case "defer", "deferred": status = .deferred
        default: return .ignored
        }
        let detail = value("detail", fields)
        var event = FailureEvent(
            format: .messageTraceCSV, input: input, line: number,
            time: value("time", fields).flatMap(LogTimestamp.parse),
            status: status, recipient: value("recipient", fields), sender: value("sender", fields),
            remoteIP: value("ip", fields), text: detail ?? statusText, sample: LogText.sample(text))
        if let detail, let start = detail.byteRange(of: "{FQDN=") {
            let host = detail[start.upperBound...].prefix { $0 != "}" }
            if !host.isEmpty { event.remoteHost = host.lowercased() }
        }
        return .events([event])
    }

    private func value(_ key: String, _ fields: [String]) -> String? {
        guard let index = columns[key], index < fields.count else { return nil }
        let value = fields[index].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}

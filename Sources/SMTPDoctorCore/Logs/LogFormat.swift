/// The kinds of input `smtp-doctor analyze` reads, recognised by content rather than by file name.
public enum LogFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Syslog lines of Postfix, Sendmail or Exim (`May  1 06:06:57 mx1 postfix/smtp[811]: …`).
    case syslog
    /// Exim's own main log (`2026-05-01 06:06:57 1uAbCd-000Xy1-Qz ** bob@example.com …`).
    case eximMainLog = "exim-main-log"
    /// Exchange SmtpSend / SmtpReceive protocol logs (`#Fields: date-time,connector-id,session-id,…`).
    case exchangeProtocolLog = "exchange-protocol-log"
    /// Exchange message-tracking logs (`#Fields: date-time,client-ip,…,event-id,…`).
    case exchangeTrackingLog = "exchange-tracking-log"
    /// A message-trace CSV exported from Exchange Online (a header row of quoted column names).
    case messageTraceCSV = "message-trace-csv"
    /// One email message: a bounce (DSN or NDR) in a `.eml` file or a Maildir.
    case emailMessage = "email-message"
    /// A Unix mbox folder of messages, each starting with a `From ` line.
    case mbox

    /// The value of the `log.format` fact for events of this format.
    public var factValue: String { rawValue }
}

/// What became of the message according to the log: the log's own word, mapped to a small closed set.
public enum FailureStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Returned to the sender for good (Postfix `status=bounced`, Exim `**`, Exchange `FAIL`, DSN `Action: failed`).
    case bounced
    /// Kept in the queue to be tried again (Postfix `status=deferred`, Exim `==`, Exchange `DEFER`, a 4xx reply).
    case deferred
    /// Given up after the retry period (Postfix `status=expired`).
    case expired
    /// A delay notification (DSN `Action: delayed`): still being retried.
    case delayed
    /// Refused by this server while receiving (Postfix `reject:`, Exim `rejected RCPT`, SmtpReceive 5xx).
    case rejected
}

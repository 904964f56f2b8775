import Foundation

/// Failure records in syslog lines of Postfix and Sendmail.
///
/// ```
/// May  1 06:06:57 mx1 postfix/smtp[811]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25,
///   delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: 550 5.1.1
///   <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))
/// May  1 06:07:02 mx1 postfix/smtpd[912]: NOQUEUE: reject: RCPT from unknown[198.51.100.23]: 554 5.7.1
///   <x@example.net>: Relay access denied; from=<a@example.org> to=<x@example.net> proto=ESMTP helo=<pc>
/// May  1 06:07:09 mx1 sm-mta[4242]: 5231FN0a012345: to=<bob@example.com>, delay=00:00:01, mailer=esmtp,
///   pri=120, relay=mx.example.com. [203.0.113.7], dsn=5.1.1, stat=User unknown
/// ```
/// (each record is one line). Postfix `status=bounced|deferred|expired`, `reject:` and `milter-reject:`; Sendmail
/// `stat=` other than `Sent` and `reject=`; Exim's records (`**`, `==`, `rejected`) under `exim[pid]: `. For the
/// failure rates, Postfix `status=sent` of the SMTP client and Sendmail `stat=Sent` of its SMTP mailers count as
/// outbound deliveries, and the `client=` record of the Postfix SMTP server as a message accepted (submission on a
/// submission service or after a login, inbound otherwise). Everything else — connections, local deliveries, queue
/// manager lines — is skipped after a byte search, without building a string.
struct SyslogLineParser: LogLineParser {
    let input: String
    /// Exim writes the same records to syslog as to its main log when `log_file_path = syslog`.
    private var exim: EximLogParser

    init(input: String) {
        self.input = input
        self.exim = EximLogParser(input: input)
    }

    mutating func parse(_ line: UnsafeRawBufferPointer, number: Int) -> LineOutcome {
        if let offset = line.firstOffset(of: "status=", anchoredAt: 6) {
            if line.hasBytes("sent", at: offset + 7) {
                // Only the SMTP client's deliveries leave the server; local, virtual and LMTP ones store mail
                // that was accepted (and counted) on the way in.
                return line.firstOffset(of: "/smtp[") != nil ? .delivered(.outbound) : .ignored
            }
            guard
                line.hasBytes("bounced", at: offset + 7) || line.hasBytes("deferred", at: offset + 7)
                    || line.hasBytes("expired", at: offset + 7)
            else { return .ignored }
            return postfixStatus(line.text, number: number)
        }
        if line.firstOffset(of: ": client=", anchoredAt: 8) != nil, line.firstOffset(of: "/smtpd[") != nil {
            return .delivered(
                Self.isSubmissionService(line) || line.firstOffset(of: "sasl_username=") != nil
                    ? .submission : .inbound)
        }
        if line.firstOffset(of: "reject: ", anchoredAt: 2) != nil {
            return postfixReject(line.text, number: number)
        }
        if line.firstOffset(of: " authentication failed", anchoredAt: 16) != nil,
            line.firstOffset(of: "warning: ", anchoredAt: 7) != nil, line.firstOffset(of: "SASL ") != nil
        {
            return postfixLoginFailure(line.text, number: number)
        }
        if let offset = line.firstOffset(of: ", stat=", anchoredAt: 6) {
            if line.hasBytes("Sent", at: offset + 7) {
                // Deliveries by the SMTP mailers leave the server; local ones store mail accepted on the way in.
                return line.firstOffset(of: "mailer=esmtp") != nil || line.firstOffset(of: "mailer=relay") != nil
                    ? .delivered(.outbound) : .ignored
            }
            guard !line.hasBytes("queued", at: offset + 7) else { return .ignored }
            return sendmailStatus(line.text, number: number)
        }
        if line.firstOffset(of: ", reject=", anchoredAt: 4) != nil {
            return sendmailReject(line.text, number: number)
        }
        if line.firstOffset(of: " exim", anchoredAt: 2) != nil {
            return exim.parse(line, number: number)
        }
        return .ignored
    }

    // MARK: - Syslog header

    /// The time, and the message after `program[pid]: `.
    private func split(_ text: String) -> (time: LogTimestamp?, message: Substring)? {
        var copy = text
        let time = copy.withUTF8 { LogTimestamp.parse(prefixOf: UnsafeRawBufferPointer($0)) }
        guard let colon = text.byteRange(of: "]: ") ?? text.byteRange(of: ": ") else { return nil }
        return (time?.0, text[colon.upperBound...])
    }

    private func event(
        _ text: String, number: Int, time: LogTimestamp?, status: FailureStatus, failure: Substring
    ) -> FailureEvent {
        FailureEvent(
            format: .syslog, input: input, line: number, time: time, status: status, text: String(failure),
            sample: LogText.sample(text))
    }

    // MARK: - Postfix

    private func postfixStatus(_ text: String, number: Int) -> LineOutcome {
        guard let (time, message) = split(text), let statusRange = message.byteRange(of: "status=") else {
            return .malformed
        }
        let word = message[statusRange.upperBound...].prefix { $0.isLetter }
        guard let status = FailureStatus(rawValue: String(word)) else { return .malformed }
        let failureStart = message.byteRange(of: "dsn=")?.lowerBound ?? statusRange.lowerBound
        var event = event(text, number: number, time: time, status: status, failure: message[failureStart...])
        event.recipient = LogText.angled(after: "to=", in: message)
        event.sender = LogText.angled(after: "from=", in: message)
        if status != .expired && event.recipient == nil { return .malformed }
        if let relay = LogText.token(after: "relay=", in: message) {
            (event.remoteHost, event.remoteIP) = LogText.hostAndAddress(relay)
        }
        return .events([event])
    }

    private func postfixReject(_ text: String, number: Int) -> LineOutcome {
        guard let (time, message) = split(text), let reject = message.byteRange(of: "reject: ") else {
            return .malformed
        }
        var rest = message[reject.upperBound...]
        let command = rest.prefix { !$0.isWhitespace }
        var event = event(text, number: number, time: time, status: .rejected, failure: rest)
        event.stage = Self.postfixStages[command.uppercased()]
        if let from = rest.byteRange(of: " from "), rest[rest.startIndex..<from.lowerBound].count < 16 {
            let client = rest[from.upperBound...].prefix { $0 != ":" && $0 != ";" && $0 != " " }
            (event.remoteHost, event.remoteIP) = LogText.hostAndAddress(client)
            if let colon = rest[from.upperBound...].byteRange(of: ": ") { rest = rest[colon.upperBound...] }
        }
        // The reply ends where the envelope details start; header and body checks put it after them.
        if let envelope = rest.byteRange(of: "; from=<") {
            let tail = rest[envelope.upperBound...]
            event.text = String(rest[..<envelope.lowerBound])
            if let after = tail.byteRange(of: ">: "), tail.byteRange(of: "helo=") != nil {
                event.text = String(tail[after.upperBound...])
            }
        } else {
            event.text = String(rest)
        }
        event.recipient = LogText.angled(after: "to=", in: message)
        event.sender = LogText.angled(after: "from=", in: message)
        if Self.isSubmissionService(text) { event.side = .submission }
        return .events([event])
    }

    /// `warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: …` of the Postfix SMTP server: a client
    /// that failed to log in, on the submission service or wherever the server offers AUTH.
    private func postfixLoginFailure(_ text: String, number: Int) -> LineOutcome {
        guard let (time, message) = split(text), let warning = message.byteRange(of: "warning: ") else {
            return .malformed
        }
        let rest = message[warning.upperBound...]
        guard let colon = rest.byteRange(of: ": ") else { return .malformed }
        var event = event(text, number: number, time: time, status: .rejected, failure: rest[colon.upperBound...])
        event.stage = "auth"
        event.side = .submission
        (event.remoteHost, event.remoteIP) = LogText.hostAndAddress(rest[..<colon.lowerBound])
        return .events([event])
    }

    /// Whether the syslog program of a Postfix record is a submission service: master.cf names it with
    /// `-o syslog_name=postfix/submission` (port 587) or `postfix/smtps` (port 465).
    private static func isSubmissionService(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { isSubmissionService(UnsafeRawBufferPointer($0)) }
    }

    private static func isSubmissionService(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let end = line.firstOffset(of: "]: ") else { return false }
        let program = UnsafeRawBufferPointer(rebasing: line[..<end])
        return program.firstOffset(of: "/submission/") != nil || program.firstOffset(of: "/smtps/") != nil
    }

    /// The SMTP stage named by the command word of a Postfix `reject:` record.
    private static let postfixStages: [String: String] = [
        "CONNECT": "connect", "EHLO": "ehlo", "HELO": "ehlo", "MAIL": "mail-from", "RCPT": "rcpt-to",
        "DATA": "data", "END-OF-MESSAGE": "end-of-data", "HEADER": "end-of-data", "BODY": "end-of-data",
        "STARTTLS": "starttls", "AUTH": "auth",
    ]

    // MARK: - Sendmail

    private func sendmailStatus(_ text: String, number: Int) -> LineOutcome {
        guard let (time, message) = split(text), let stat = message.byteRange(of: ", stat=") else { return .malformed }
        let word = message[stat.upperBound...]
        let status: FailureStatus = word.hasPrefix("Deferred") ? .deferred : .bounced
        let failureStart = message.byteRange(of: "dsn=")?.lowerBound ?? stat.upperBound
        var event = event(text, number: number, time: time, status: status, failure: message[failureStart...])
        guard let recipient = LogText.angled(after: "to=", in: message) else { return .malformed }
        event.recipient = recipient
        if let relay = message.byteRange(of: "relay=") {
            let value = message[relay.upperBound...].prefix { $0 != "," }
            (event.remoteHost, event.remoteIP) = LogText.hostAndAddress(value)
        }
        return .events([event])
    }

    private func sendmailReject(_ text: String, number: Int) -> LineOutcome {
        guard let (time, message) = split(text), let reject = message.byteRange(of: ", reject=") else {
            return .malformed
        }
        var event = event(text, number: number, time: time, status: .rejected, failure: message[reject.upperBound...])
        let ruleset = LogText.token(after: "ruleset=", in: message).map(String.init)
        event.stage = ruleset.flatMap { Self.sendmailStages[$0] }
        if ruleset == "check_rcpt" { event.recipient = LogText.angled(after: "arg1=", in: message) }
        if ruleset == "check_mail" { event.sender = LogText.angled(after: "arg1=", in: message) }
        if let relay = message.byteRange(of: "relay=") {
            let value = message[relay.upperBound...].prefix { $0 != "," }
            (event.remoteHost, event.remoteIP) = LogText.hostAndAddress(value)
        }
        return .events([event])
    }

    /// The SMTP stage checked by a Sendmail ruleset.
    private static let sendmailStages = [
        "check_relay": "connect", "check_mail": "mail-from", "check_rcpt": "rcpt-to", "check_data": "data",
        "check_eom": "end-of-data",
    ]
}

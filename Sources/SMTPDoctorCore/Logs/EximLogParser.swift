import Foundation

/// Failure records in Exim's main log.
///
/// ```
/// 2026-05-01 06:06:57 1uAbCd-000Xy1-Qz ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com
///   [203.0.113.7] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes: SMTP error from remote mail server after
///   RCPT TO:<bob@example.com>: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown
/// 2026-05-01 06:07:30 1uAbCe-000Xy5-2b == carol@example.net R=dnslookup T=remote_smtp defer (-44)
///   H=mx.example.net [198.51.100.9]: SMTP error from remote mail server after RCPT TO:<carol@example.net>:
///   451 4.7.1 Greylisted, try again later
/// 2026-05-01 06:08:00 H=(pc17) [192.0.2.44] F=<a@example.org> rejected RCPT <x@example.net>: relay not permitted
/// ```
/// (each record is one line): `**` is a failed delivery, `==` a deferred one, `rejected` a refusal while receiving
/// (on the submission side when the client had logged in, `A=`, or was refused at AUTH), `authenticator failed` a
/// client that failed to log in. For the failure rates, `=>` and `->` to a remote host (`H=`) count as outbound
/// deliveries, and `<=` from a remote host as a message accepted: on the submission side when the client logged in
/// (`A=`), inbound otherwise; local submissions and local deliveries are not counted.
struct EximLogParser: LogLineParser {
    let input: String

    mutating func parse(_ line: UnsafeRawBufferPointer, number: Int) -> LineOutcome {
        if line.firstOffset(of: " ** ") != nil { return delivery(line.text, marker: " ** ", .bounced, number) }
        if line.firstOffset(of: " == ") != nil { return delivery(line.text, marker: " == ", .deferred, number) }
        if line.firstOffset(of: " rejected ") != nil { return rejection(line.text, number) }
        if line.firstOffset(of: " authenticator failed for ") != nil { return loginFailure(line.text, number) }
        if line.firstOffset(of: " => ") != nil || line.firstOffset(of: " -> ") != nil {
            return line.firstOffset(of: " H=") != nil ? .delivered(.outbound) : .ignored
        }
        if line.firstOffset(of: " <= ") != nil {
            guard line.firstOffset(of: " H=") != nil else { return .ignored }
            return .delivered(line.firstOffset(of: " A=") != nil ? .submission : .inbound)
        }
        return .ignored
    }

    /// `dovecot_login authenticator failed for (pc) [198.51.100.9]: 535 Incorrect authentication data
    /// (set_id=alice)`: a client that failed to log in.
    private func loginFailure(_ text: String, _ number: Int) -> LineOutcome {
        guard let failed = text.byteRange(of: " authenticator failed for ") else { return .malformed }
        let rest = text[failed.upperBound...]
        guard let colon = rest.byteRange(of: ": ") else { return .malformed }
        var event = FailureEvent(
            format: .eximMainLog, input: input, line: number, time: time(text), status: .rejected,
            text: String(rest[colon.upperBound...]), sample: LogText.sample(text))
        event.stage = "auth"
        event.side = .submission
        (event.remoteHost, event.remoteIP) = host(in: Substring("H=" + rest[..<colon.lowerBound]))
        return .events([event])
    }

    private func time(_ text: String) -> LogTimestamp? {
        var copy = text
        return copy.withUTF8 { LogTimestamp.parse(prefixOf: UnsafeRawBufferPointer($0))?.0 }
    }

    private func delivery(_ text: String, marker: String, _ status: FailureStatus, _ number: Int) -> LineOutcome {
        guard let flag = text.byteRange(of: marker) else { return .malformed }
        let rest = text[flag.upperBound...]
        let address = rest.prefix { !$0.isWhitespace }
        let recipient = address.hasSuffix(":") ? address.dropLast() : address
        guard recipient.contains("@") || !recipient.isEmpty else { return .malformed }
        let afterAddress = rest[address.endIndex...]
        let failure: Substring
        if address.hasSuffix(":") {
            failure = afterAddress
        } else if let colon = afterAddress.byteRange(of: ": ") {
            failure = afterAddress[colon.upperBound...]
        } else {
            failure = afterAddress
        }
        var event = FailureEvent(
            format: .eximMainLog, input: input, line: number, time: time(text), status: status,
            recipient: String(recipient), text: failure.trimmingCharacters(in: .whitespaces),
            sample: LogText.sample(text))
        (event.remoteHost, event.remoteIP) = host(in: rest)
        return .events([event])
    }

    private func rejection(_ text: String, _ number: Int) -> LineOutcome {
        guard let rejected = text.byteRange(of: " rejected ") else { return .malformed }
        let rest = text[rejected.upperBound...]
        guard let colon = rest.byteRange(of: ": ") else { return .malformed }
        let what = rest[..<colon.lowerBound].uppercased()
        var event = FailureEvent(
            format: .eximMainLog, input: input, line: number, time: time(text), status: .rejected,
            text: String(rest[colon.upperBound...]), sample: LogText.sample(text))
        event.stage = Self.stages.first { what.hasPrefix($0.key) }?.value
        if what.hasPrefix("RCPT") {
            event.recipient = LogText.angled(after: "RCPT ", in: rest)
        }
        event.sender = LogText.angled(after: "F=", in: text[...])
        (event.remoteHost, event.remoteIP) = host(in: text[..<rejected.lowerBound])
        if event.stage == "auth" || text[..<rejected.lowerBound].byteRange(of: " A=") != nil {
            event.side = .submission
        }
        return .events([event])
    }

    /// The stage named by what Exim says it rejected (`rejected RCPT`, `rejected after DATA`, `rejected EHLO`).
    private static let stages = [
        "RCPT": "rcpt-to", "MAIL": "mail-from", "AFTER DATA": "end-of-data", "DATA": "data", "EHLO": "ehlo",
        "HELO": "ehlo", "CONNECTION": "connect", "AUTH": "auth",
    ]

    /// `H=mx.example.com [203.0.113.7]` or `H=(helo) [192.0.2.44]:port`.
    private func host(in text: Substring) -> (String?, String?) {
        guard let start = text.byteRange(of: "H=") else { return (nil, nil) }
        let rest = text[start.upperBound...]
        let name = rest.prefix { !$0.isWhitespace }
        var ip: String?
        if let open = rest.firstIndex(of: "["), rest.distance(from: rest.startIndex, to: open) < name.count + 40 {
            let tail = rest[rest.index(after: open)...]
            ip = tail.firstIndex(of: "]").map { String(tail[..<$0]) }
        }
        let host = name.hasPrefix("(") || name.hasPrefix("[") ? nil : String(name).lowercased()
        return (host?.contains(".") == true ? host : nil, ip)
    }
}

import Foundation

/// A notification of Amazon SES in its documented JSON form, as SES mails it to a notification address or as Amazon
/// SNS wraps it (`{"Type": "Notification", "Message": "<the notification as a JSON string>"}`):
/// ```
/// {"notificationType": "Bounce",
///  "bounce": {"bounceType": "Permanent", "bounceSubType": "General", "reportingMTA": "dsn; a27-23.example.com",
///             "remoteMtaIp": "192.0.2.1", "timestamp": "2016-10-21T00:06:40.502Z",
///             "bouncedRecipients": [{"emailAddress": "bob@example.com", "action": "failed", "status": "5.1.1",
///                                    "diagnosticCode": "smtp; 550 5.1.1 user unknown"}]},
///  "mail": {…}}
/// ```
/// Only `bounce.bouncedRecipients` are failures; a `Complaint` is a feedback report and a `Delivery` a success.
/// Event publishing names the type `eventType` instead of `notificationType`.
struct AmazonSESNotification {
    /// What a notification reports.
    enum Kind: Equatable {
        case bounce
        case complaint
        case delivery
    }

    /// One recipient of `bounce.bouncedRecipients`.
    struct BouncedRecipient: Equatable {
        var address: String
        /// `failed` or `delayed`, as in a delivery status notification; nil when SES gave none.
        var action: String?
        /// The enhanced status code, `5.1.1`.
        var status: String?
        /// The remote server's reply, `smtp; 550 5.1.1 user unknown`.
        var diagnosticCode: String?
    }

    var kind: Kind
    /// `Permanent`, `Transient` or `Undetermined`; empty when not a bounce.
    var bounceType = ""
    /// SES's sub-type of the bounce (`General`, `NoEmail`, `Suppressed`, `MailboxFull` …).
    var bounceSubType = ""
    var recipients: [BouncedRecipient] = []
    /// The IP address of the server that refused the message, when SES gives it.
    var remoteIP: String?
    /// When the bounce was received, ISO 8601.
    var timestamp: String?

    /// Reads the notification a text body holds: a JSON object at its start (white space before it and text after it,
    /// such as SNS's unsubscribe footer, are allowed). Nil when the body holds no such notification.
    init?(body: String) {
        // Unfolding never makes a text start with a brace unless it starts with one or with the `!` of a break.
        guard let first = body.utf8.first(where: { !ASCIIText.isWhitespace($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "!"),
            let object = Self.leadingObject(in: body) ?? Self.leadingObject(in: Self.unfolded(body))
        else { return nil }
        var notification = object
        if object["Type"] as? String == "Notification", let message = object["Message"] as? String {
            guard let inner = Self.leadingObject(in: message) else { return nil }
            notification = inner
        }
        switch (notification["notificationType"] ?? notification["eventType"]) as? String {
        case "Bounce": kind = .bounce
        case "Complaint": kind = .complaint
        case "Delivery": kind = .delivery
        default: return nil
        }
        guard kind == .bounce else { return }
        guard let bounce = notification["bounce"] as? [String: Any] else { return nil }
        bounceType = bounce["bounceType"] as? String ?? ""
        bounceSubType = bounce["bounceSubType"] as? String ?? ""
        remoteIP = bounce["remoteMtaIp"] as? String
        timestamp = bounce["timestamp"] as? String
        let listed = bounce["bouncedRecipients"] as? [[String: Any]] ?? []
        recipients = listed.compactMap { entry in
            guard let address = entry["emailAddress"] as? String, !address.isEmpty else { return nil }
            return BouncedRecipient(
                address: address, action: entry["action"] as? String, status: entry["status"] as? String,
                diagnosticCode: entry["diagnosticCode"] as? String)
        }
    }

    /// How Sendmail breaks a line longer than its mailer's line limit: `!` at the end of the first part, then a line
    /// break and a space before the rest (`putxline` in Sendmail's `util.c`). A notification of one long line
    /// reaches its reader so broken; joined again, it is JSON again.
    static let sendmailLineBreak = "!\n "

    /// The text with Sendmail's long-line breaks (`sendmailLineBreak`) joined.
    static func unfolded(_ text: String) -> String {
        text.replacingOccurrences(of: sendmailLineBreak, with: "")
    }

    /// The JSON object a text starts with, after white space: the characters up to the brace that closes the first
    /// one (braces inside strings do not count), parsed. Nil when the text does not start with an object.
    static func leadingObject(in text: String) -> [String: Any]? {
        let bytes = text.utf8
        guard let start = bytes.firstIndex(where: { !ASCIIText.isWhitespace($0) }),
            bytes[start] == UInt8(ascii: "{")
        else { return nil }
        var depth = 0
        var inString = false
        var escaped = false
        for index in bytes[start...].indices {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    let data = Data(bytes[start...index])
                    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
                }
            default: break
            }
        }
        return nil
    }
}

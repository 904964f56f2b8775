import Foundation

/// The SMTP command a bounce's delivery attempt failed at, read from the human-readable part of the report: a
/// Sendmail-style session transcript (`>>> RCPT To:<…>` followed by `<<< 550 …`), or the phrases MTAs put around the
/// reply ("in reply to RCPT TO command", "after end of data", "did not like our RCPT TO").
enum BounceStage {
    /// The stage of the failure the text describes; nil when it names none.
    static func stage(in text: String) -> String? {
        transcriptStage(text) ?? phraseStage(text)
    }

    /// The command of the last `>>> ` line before the first `<<< ` line with a 4xx or 5xx reply. `DATA` followed by
    /// an intermediate `354` reply (and the `.` that ends the data) means the failure came at the end of the data.
    static func transcriptStage(_ text: String) -> String? {
        guard text.contains(">>> ") else { return nil }
        var command: String?
        var sawIntermediate = false
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(">>> ") {
                // The lone "." that ends the data belongs to the DATA command before it.
                if trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces) == "." { continue }
                command = String(trimmed.dropFirst(4))
                sawIntermediate = false
            } else if trimmed.hasPrefix("<<< ") {
                let reply = trimmed.dropFirst(4)
                if reply.hasPrefix("354") { sawIntermediate = true }
                guard let first = reply.first, first == "4" || first == "5", let command else { continue }
                return ExchangeLogParser.stage(of: command, afterIntermediate: sawIntermediate)
            }
        }
        return nil
    }

    /// Phrases naming the command: "in reply to RCPT TO command", "did not like our RCPT TO", "after end of data".
    private static func phraseStage(_ text: String) -> String? {
        let lowered = text.lowercased()
        for (marker, stage) in phrases {
            if lowered.contains(marker) { return stage }
        }
        return nil
    }

    /// Phrases in the order they are tried: the more specific ones (end of data) before the ones they contain.
    private static let phrases: [(String, String)] = [
        ("in reply to end of data", "end-of-data"), ("after end of data", "end-of-data"),
        ("in reply to rcpt to", "rcpt-to"), ("after rcpt to", "rcpt-to"), ("our rcpt to", "rcpt-to"),
        ("after rcpt command", "rcpt-to"), ("in reply to mail from", "mail-from"), ("after mail from", "mail-from"),
        ("our mail from", "mail-from"), ("in reply to data", "data"), ("after data", "data"),
        ("in reply to ehlo", "ehlo"), ("in reply to helo", "ehlo"), ("after ehlo", "ehlo"),
        ("my name was rejected", "ehlo"),
        ("after initial connection", "greeting"), ("in response to initial connection", "greeting"),
    ]
}

import Foundation

/// The SMTP command a bounce's delivery attempt failed at, read from the human-readable part of the report: a
/// Sendmail-style session transcript (`>>> RCPT To:<…>` followed by `<<< 550 …`), or the phrases MTAs put around the
/// reply, which the knowledge base lists (`stage-phrases.yaml`: "in reply to RCPT TO command", "after end of data").
struct BounceStage {
    /// The phrases in the order they are tried.
    var phrases: [StagePhrase] = []

    /// The stage of the failure the text describes; nil when it names none.
    func stage(in text: String) -> String? {
        Self.transcriptStage(text) ?? phraseStage(text)
    }

    /// The command of the last `>>> ` line before the first `<<< ` line with a 4xx or 5xx reply. `DATA` followed by
    /// an intermediate `354` reply (and the `.` that ends the data) means the failure came at the end of the data.
    static func transcriptStage(_ text: String) -> String? {
        guard TextSearch.contains(text, ">>> ") else { return nil }
        var command: String?
        var sawIntermediate = false
        for line in text.linesSplitAtLineFeeds() {
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

    /// The stage of the first phrase the text contains.
    private func phraseStage(_ text: String) -> String? {
        guard !phrases.isEmpty else { return nil }
        let lowered = ASCIIText.lowercased(text)
        return phrases.first { TextSearch.contains(lowered, $0.phrase) }?.stage
    }
}

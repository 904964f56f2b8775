import Foundation

/// Removes every form of the credentials from text meant for people or files.
///
/// Commands are redacted where they are made (``SMTPCommand/transcript``); this catches the rest: a server that
/// echoes what it received, a password that shows up in an error message. The forms a server could echo are worked
/// out once: the secret and the base64 blobs the client sends (AUTH LOGIN, PLAIN, XOAUTH2), each with and without
/// `=` padding and in hex. Text is compared in any letter case, with `%XX` escapes read as the bytes they stand for
/// and with whitespace, line breaks and the enhanced status codes of continuation lines left out, so a form that is
/// upper-cased, URL-encoded or split across the lines of a reply is found too.
struct Redactor: Sendable {
    /// The forms, as ``RedactionText`` compares them; none shorter than three bytes.
    private let forms: [[UInt8]]

    init(credentials: Credentials?) {
        guard let credentials, !credentials.secret.isEmpty else {
            forms = []
            return
        }
        let values = [
            credentials.secret.withRevealed { $0 },
            credentials.secret.withRevealed { SMTPClientStateMachine.base64($0) },
            SMTPClientStateMachine.plainResponse(credentials).withRevealed { $0 },
            SMTPClientStateMachine.xoauth2Response(credentials).withRevealed { $0 },
        ]
        var forms: Set<[UInt8]> = []
        for value in values {
            let unpadded = value.reversed().drop { $0 == "=" }.reversed()
            let hex = value.utf8.map { String(format: "%02x", $0) }.joined()
            for form in [value, String(unpadded), hex] {
                let folded = RedactionText.fold(Array(form.utf8))
                if folded.count >= 3 { forms.insert(folded) }
            }
        }
        self.forms = Array(forms)
    }

    /// `text` with every form of the secret replaced by `<redacted>`.
    func callAsFunction(_ text: String) -> String {
        self(lines: [text])[0]
    }

    /// The lines of one reply, checked as one text so that a form split across them is found.
    func callAsFunction(lines: [String]) -> [String] {
        guard !forms.isEmpty, !lines.isEmpty else { return lines }
        let text = RedactionText(lines: lines)
        return text.lines(redacting: forms.flatMap { text.occurrences(of: $0) })
    }

    /// The reply with its lines redacted together.
    func callAsFunction(_ reply: SMTPReply) -> SMTPReply {
        SMTPReply(code: reply.code, lines: self(lines: reply.lines))
    }
}

extension SessionRecord {
    /// The record with every reply passed through the redactor.
    func redacted(with redact: Redactor) -> SessionRecord {
        func clean(_ reply: SMTPReply?) -> SMTPReply? {
            reply.map { redact($0) }
        }
        var copy = self
        copy.greeting = clean(greeting)
        copy.ehloReply = clean(ehloReply)
        copy.startTLSReply = clean(startTLSReply)
        copy.authReply = clean(authReply)
        copy.mailReply = clean(mailReply)
        copy.rcptReply = clean(rcptReply)
        copy.dataReply = clean(dataReply)
        copy.messageReply = clean(messageReply)
        if case .rejected(let step, let reply)? = stop, let cleaned = clean(reply) {
            copy.stop = .rejected(step, cleaned)
        }
        return copy
    }
}

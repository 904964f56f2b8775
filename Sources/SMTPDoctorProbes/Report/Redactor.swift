import Foundation

/// Removes every form of the credentials from text meant for people or files.
///
/// Commands are redacted where they are made (``SMTPCommand/transcript``); this catches the rest: a server that
/// echoes what it received, a password that shows up in an error message.
struct Redactor: Sendable {
    private let secrets: [Secret]

    init(credentials: Credentials?) {
        guard let credentials, !credentials.secret.isEmpty else {
            secrets = []
            return
        }
        var secrets = [credentials.secret]
        secrets.append(credentials.secret.withRevealed { Secret(SMTPClientStateMachine.base64($0)) })
        secrets.append(SMTPClientStateMachine.plainResponse(credentials))
        secrets.append(SMTPClientStateMachine.xoauth2Response(credentials))
        self.secrets = secrets
    }

    func callAsFunction(_ text: String) -> String {
        secrets.reduce(text) { text, secret in
            secret.withRevealed { value in
                value.count < 3 ? text : text.replacingOccurrences(of: value, with: "<redacted>")
            }
        }
    }
}

extension SessionRecord {
    /// The record with every reply passed through the redactor.
    func redacted(with redact: Redactor) -> SessionRecord {
        func clean(_ reply: SMTPReply?) -> SMTPReply? {
            reply.map { SMTPReply(code: $0.code, lines: $0.lines.map { redact($0) }) }
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

/// The words that tell a bounce reader what kind of message it is reading when the structure does not (no
/// delivery-status part, no `Auto-Submitted` field): subject prefixes of automatic replies, phrases with which a
/// report says that a message was not delivered, and phrases with which a warning says that delivery is only delayed
/// and still being tried, and phrases with which a provider's own report introduces the remote server's reply it quotes
/// (`bounce-wording.yaml`).
public struct BounceWording: Sendable, Equatable {
    /// What a phrase of `bounce-wording.yaml` marks, its `means` value.
    public enum Meaning: String, Sendable, CaseIterable {
        /// A subject that starts with it is an automatic reply's ("automatic reply:", "out of office").
        case autoReplySubject = "auto-reply-subject"
        /// A report containing it says that a message was not delivered ("could not be delivered").
        case undelivered
        /// A report containing it warns that delivery is delayed and will be tried again ("this is a warning only").
        case delayWarning = "delay-warning"
        /// A report containing it quotes the remote server's reply after it ("the error that the other server
        /// returned was:"): the reply is the failure's evidence, the report's own words around it only its frame.
        case replyQuote = "reply-quote"
    }

    /// Subject prefixes of automatic replies, lower-case.
    public var autoReplySubjects: [String]
    /// Phrases saying that a message was not delivered, lower-case.
    public var undeliveredPhrases: [String]
    /// Phrases of warnings that delivery is delayed and still being tried, lower-case.
    public var delayWarningPhrases: [String]
    /// Phrases after which a report quotes the remote server's reply, lower-case.
    public var replyQuotePhrases: [String]

    /// Creates a wording; empty lists recognise nothing.
    public init(
        autoReplySubjects: [String] = [], undeliveredPhrases: [String] = [], delayWarningPhrases: [String] = [],
        replyQuotePhrases: [String] = []
    ) {
        self.autoReplySubjects = autoReplySubjects
        self.undeliveredPhrases = undeliveredPhrases
        self.delayWarningPhrases = delayWarningPhrases
        self.replyQuotePhrases = replyQuotePhrases
    }

    /// Whether a subject starts like an automatic reply's.
    func isAutoReplySubject(_ subject: String) -> Bool {
        let lowered = subject.lowercased()
        return autoReplySubjects.contains { lowered.hasPrefix($0) }
    }

    /// Whether a text says that a message was not delivered.
    func saysUndelivered(_ text: String) -> Bool {
        let lowered = ASCIIText.lowercased(text)
        return undeliveredPhrases.contains { TextSearch.contains(lowered, $0) }
    }

    /// Whether a text warns that delivery is only delayed. White space is collapsed first, since MTAs wrap these
    /// sentences at different places.
    func saysDelayed(_ text: String) -> Bool {
        guard !delayWarningPhrases.isEmpty else { return false }
        let lowered = ASCIIText.lowercased(text)
        let collapsed =
            ASCIIText.isASCII(lowered)
            ? ASCIIText.collapsingWhitespace(lowered)
            : lowered.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return delayWarningPhrases.contains { TextSearch.contains(collapsed, $0) }
    }

    /// The remote server's reply a report quotes after one of `replyQuotePhrases`: the text after the phrase up to
    /// the end of its paragraph (an empty line), white space trimmed. Nil when the text holds no such phrase or
    /// nothing follows it.
    func quotedReply(in text: String) -> String? {
        guard !replyQuotePhrases.isEmpty else { return nil }
        let lowered = ASCIIText.lowercased(text)
        for phrase in replyQuotePhrases where TextSearch.contains(lowered, phrase) {
            guard let found = text.range(of: phrase, options: .caseInsensitive) else { continue }
            let rest = text[found.upperBound...].replacingOccurrences(of: "\r\n", with: "\n")
            let start = rest.drop { $0.isWhitespace }
            let paragraph = start.range(of: "\n\n").map { start[..<$0.lowerBound] } ?? start[...]
            let reply = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            if !reply.isEmpty { return reply }
        }
        return nil
    }
}

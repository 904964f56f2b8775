/// The words that tell a bounce reader what kind of message it is reading when the structure does not (no
/// delivery-status part, no `Auto-Submitted` field): subject prefixes of automatic replies, and phrases with which a
/// report says that a message was not delivered (`bounce-wording.yaml`).
public struct BounceWording: Sendable, Equatable {
    /// What a phrase of `bounce-wording.yaml` marks, its `means` value.
    public enum Meaning: String, Sendable, CaseIterable {
        /// A subject that starts with it is an automatic reply's ("automatic reply:", "out of office").
        case autoReplySubject = "auto-reply-subject"
        /// A report containing it says that a message was not delivered ("could not be delivered").
        case undelivered
    }

    /// Subject prefixes of automatic replies, lower-case.
    public var autoReplySubjects: [String]
    /// Phrases saying that a message was not delivered, lower-case.
    public var undeliveredPhrases: [String]

    /// Creates a wording; empty lists recognise nothing.
    public init(autoReplySubjects: [String] = [], undeliveredPhrases: [String] = []) {
        self.autoReplySubjects = autoReplySubjects
        self.undeliveredPhrases = undeliveredPhrases
    }

    /// Whether a subject starts like an automatic reply's.
    func isAutoReplySubject(_ subject: String) -> Bool {
        let lowered = subject.lowercased()
        return autoReplySubjects.contains { lowered.hasPrefix($0) }
    }

    /// Whether a text says that a message was not delivered.
    func saysUndelivered(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return undeliveredPhrases.contains { lowered.contains($0) }
    }
}

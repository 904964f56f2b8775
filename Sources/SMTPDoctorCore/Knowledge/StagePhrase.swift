/// A phrase with which a bounce's human-readable part names the SMTP command its failure answered ("in reply to RCPT
/// TO command", "did not like our MAIL FROM"), and the `smtp.stage` value it names.
public struct StagePhrase: Sendable, Equatable {
    /// The phrase, lower-case; a text names the stage when its lower-cased form contains it.
    public let phrase: String
    /// A value of the `smtp.stage` fact.
    public let stage: String

    /// Creates a phrase.
    public init(phrase: String, stage: String) {
        self.phrase = phrase
        self.stage = stage
    }
}

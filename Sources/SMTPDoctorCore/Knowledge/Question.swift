/// An interview question: what to ask, how the answer is given, and the facts each answer sets.
///
/// Questions are knowledge, like diagnoses: the engine chooses among them by expected information gain, so their
/// order in `questions.yaml` means nothing to the interview.
///
/// ```yaml
/// - id: auth-type
///   text: How does the application sign in to the mail server?
///   kind: choice
///   cost: 1
///   answers:
///     - { id: basic, label: "Username and password", sets: { config.auth-type: basic } }
///     - { id: oauth2, label: "OAuth 2.0 (client ID and secret)", sets: { config.auth-type: oauth2 } }
/// ```
public struct Question: Sendable {
    /// The stable id, used by `--answers FILE` and in reports.
    public var id: String
    /// The question as the person reads it.
    public var text: String
    /// An optional longer explanation shown with `?`.
    public var help: String?
    /// How the answer is given.
    public var kind: QuestionKind
    /// How hard the question is to answer (1 = at a glance; 5 = someone has to go and look).
    public var cost: Double
    /// The answers that can be chosen, for yes-no and choice questions; for text and host-port questions, the
    /// answers worth considering when weighing the question (values the rules compare the facts with).
    public var answers: [QuestionAnswer]
    /// For text questions, the fact the text sets; for host-port questions, the facts the host sets.
    public var textFacts: [FactReference]
    /// For host-port questions, the fact the port sets.
    public var portFact: FactReference?
    /// Asked only when this holds for the facts known so far; always when `nil`.
    public var askWhen: Condition?
    /// A check the terminal interview may run instead, when the person types what it needs.
    public var lookup: QuestionLookup?
    /// Where the question is defined.
    public var location: SourceLocation
}

/// How an interview question is answered.
public enum QuestionKind: String, Sendable, CaseIterable {
    /// Yes, no or unknown.
    case yesNo = "yes-no"
    /// One of numbered answers.
    case choice
    /// Free text that sets one text fact.
    case text
    /// An error message, which goes through the error-text parser.
    case error
    /// A server name and port, such as `smtp.office365.com:587`.
    case hostPort = "host-port"
}

/// One possible answer of a question, with the facts it sets.
public struct QuestionAnswer: Sendable {
    /// A short id, typed by people and written in answer files: `yes`, `basic`, `microsoft-365`.
    public var id: String
    /// The answer as shown in the numbered list.
    public var label: String
    /// The facts this answer sets.
    public var facts: [(fact: FactReference, value: FactValue)]
    /// For an error question, the error text this answer stands for.
    public var errorText: String?
    /// Words a person may type in their own sentence for this answer ("changed the password", "ricoh"), lower case:
    /// the answer's vocabulary in `questions.yaml` (`Question.interpret(_:)`).
    public var words: [String] = []
}

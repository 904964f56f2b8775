/// One answer of an interview as the web page and the JSON API carry it: the question's id and the words that
/// answered it (`nil` for "unknown").
public struct InterviewAnswerRecord: Codable, Sendable, Hashable {
    /// The question's id.
    public var question: String
    /// The answer's words; `nil` when the person did not know.
    public var answer: String?

    /// Creates the answer `answer` to the question `question`.
    public init(question: String, answer: String?) {
        self.question = question
        self.answer = answer
    }
}

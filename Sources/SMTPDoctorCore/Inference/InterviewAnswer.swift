/// One answer given in an interview: the question, what the person said, and what it means.
public struct InterviewAnswer: Sendable {
    /// The id of the question answered.
    public var questionID: String
    /// The answer chosen or typed; `nil` when the person did not know.
    public var answer: QuestionAnswer?

    /// Creates an answer; `answer` is `nil` for "unknown".
    public init(questionID: String, answer: QuestionAnswer?) {
        self.questionID = questionID
        self.answer = answer
    }

    /// The answer in words, as reports show it: the answer id, the typed text, or `unknown`.
    public var words: String {
        guard let answer else { return "unknown" }
        return answer.errorText ?? answer.id
    }

    /// The facts the answer sets, each with the answer as its source.
    public var facts: [Fact] {
        (answer?.facts ?? []).map { Fact($0.fact.name, $0.value, source: FactSource(.answer, questionID)) }
    }
}

extension Evidence {
    /// The evidence of an interview's answers: facts from answers hold for every observation, and each pasted
    /// error is an observation of its own, parsed by the error-text parser.
    ///
    /// - Parameters:
    ///   - answers: the answers in the order given.
    ///   - observations: more observations, such as a live probe's.
    public init(answers: [InterviewAnswer], observations: [Observation] = []) {
        let parser = ErrorTextParser()
        var parsed: [Observation] = []
        for answer in answers {
            guard let text = answer.answer?.errorText else { continue }
            let observation = parser.parse(text, source: FactSource(.answer, answer.questionID))
            if !observation.facts.isEmpty { parsed.append(observation) }
        }
        self.init(context: answers.flatMap(\.facts), observations: parsed + observations)
    }
}

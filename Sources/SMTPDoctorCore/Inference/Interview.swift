/// A guided interview as a state machine: answers go in, the next question or the conclusion comes out.
///
/// It does no input or output of its own, so that the terminal dialogue, the scripted mode and the simulation drive
/// the same logic and tests need no terminal.
public struct Interview: Sendable {
    /// The question choice.
    public let chooser: QuestionChooser
    /// The answers given, in order.
    public private(set) var answers: [InterviewAnswer] = []
    /// Observations that are not answers, such as a live probe's.
    public private(set) var observations: [Observation] = []

    /// Starts an interview.
    public init(chooser: QuestionChooser) {
        self.chooser = chooser
    }

    /// The knowledge base reasoned with.
    public var knowledgeBase: KnowledgeBase { chooser.model.engine.knowledgeBase }

    /// What the engine concludes from the answers so far.
    public var result: DiagnosisResult {
        chooser.model.engine.diagnose(Evidence(answers: answers, observations: observations))
    }

    /// The causes ranked by probability, as the interview shows them while it runs and at its end.
    ///
    /// Once anything was answered or observed it names the likeliest causes even when no evidence reached the
    /// engine's threshold; its checklist starts with the question that would tell the leading causes apart.
    ///
    /// - Parameter separator: that question, when the caller already chose it (`next()`).
    public func conclusion(separator: Question? = nil) -> DiagnosisResult {
        let result = result
        guard !answers.isEmpty || !observations.isEmpty else { return result }
        return chooser.conclusion(of: result, answers: answers, separator: separator)
    }

    /// The next question, or why there is none.
    public func next() -> QuestionChooser.Outcome {
        chooser.next(answers: answers, observations: observations)
    }

    /// The question that would best tell the likely causes apart now, however little it gains.
    public func separator() -> Question? {
        chooser.separator(answers: answers, observations: observations)
    }

    /// The question not yet answered that a sentence answers although another question was asked: a server's name
    /// (`mail.example.com:587`) answers the host-port question; otherwise the question whose answers' vocabulary the
    /// sentence uses most plainly (the longest word found) — "it's a Ricoh scanner" while asked what changed. `nil`
    /// when no question reads the sentence, or two read it equally.
    public func answerElsewhere(_ sentence: String) -> (question: Question, answer: QuestionAnswer)? {
        let answered = Set(answers.map(\.questionID))
        if let server = HostPort(parsing: sentence), server.namesAServer,
            let question = knowledgeBase.questions.first(where: { $0.kind == .hostPort && !answered.contains($0.id) })
        {
            return (question, question.answer(for: server))
        }
        let lowered = sentence.lowercased()
        let readings = knowledgeBase.questions.filter { !answered.contains($0.id) }.compactMap { question in
            question.reading(lowered).map { (question: question, answer: $0.answer, length: $0.length) }
        }
        guard let longest = readings.map(\.length).max() else { return nil }
        let best = readings.filter { $0.length == longest }
        return best.count == 1 ? (best[0].question, best[0].answer) : nil
    }

    /// Records an answer (`nil` for "unknown").
    public mutating func record(_ answer: QuestionAnswer?, to question: Question) {
        answers.append(InterviewAnswer(questionID: question.id, answer: answer))
    }

    /// Records an answer given without a question, such as a fact an answers file states.
    public mutating func record(_ answer: InterviewAnswer) {
        answers.append(answer)
    }

    /// Adds what a live probe observed.
    public mutating func add(_ observation: Observation) {
        observations.append(observation)
    }

    /// Replaces the last observation with one that went further, such as a probe of the same port that also signed
    /// in; adds it when there is none.
    public mutating func replaceLastObservation(with observation: Observation) {
        if observations.isEmpty {
            observations.append(observation)
        } else {
            observations[observations.count - 1] = observation
        }
    }

    /// Undoes the last answer; returns it, or `nil` when nothing was answered.
    @discardableResult
    public mutating func back() -> InterviewAnswer? {
        answers.popLast()
    }
}

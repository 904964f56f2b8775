/// Simulates interviews in which an oracle answers every question as one diagnosis implies.
///
/// The oracle is the `AnswerModel`: for each question it gives the answer the diagnosis's evidence points at, its
/// first example as the error text, and "unknown" where the rules say nothing. It measures whether the question
/// choice reaches the right diagnosis and how many questions it takes, against asking in file order.
public struct InterviewSimulation: Sendable {
    /// How the next question is picked.
    public enum Strategy: String, Sendable, CaseIterable {
        /// The largest expected information gain per unit of cost (what `smtp-doctor interview` does).
        case informationGain = "information-gain"
        /// The first askable question in `questions.yaml` order, with the same confidence stop.
        case fileOrder = "file-order"
    }

    /// The outcome of one simulated interview.
    public struct Outcome: Sendable {
        /// The diagnosis the oracle played.
        public var diagnosisID: String
        /// The questions asked, with the oracle's answers.
        public var asked: [InterviewAnswer]
        /// The causes the interview concluded with, likeliest first.
        public var concludedIDs: [String]
        /// The leading diagnosis at the end, if any.
        public var leadingID: String? { concludedIDs.first }
        /// Whether the leading diagnosis is the one played.
        public var isRight: Bool { leadingID == diagnosisID }
        /// Whether the diagnosis played is among the first three concluded.
        public var isInTopThree: Bool { concludedIDs.prefix(3).contains(diagnosisID) }
    }

    /// The question choice under test.
    public let chooser: QuestionChooser

    /// Whether the oracle answers "unknown" to error questions, like a person who has no error message.
    public var withholdsErrors: Bool

    /// Creates a simulation.
    public init(chooser: QuestionChooser, withholdsErrors: Bool = false) {
        self.chooser = chooser
        self.withholdsErrors = withholdsErrors
    }

    /// The oracle's answer to a question for a diagnosis; `nil` is "unknown".
    public func oracleAnswer(question: Int, diagnosis: Int) -> QuestionAnswer? {
        if withholdsErrors, chooser.model.engine.knowledgeBase.questions[question].kind == .error { return nil }
        return chooser.model.implied[question][diagnosis].map { chooser.model.candidates[question][$0] }
    }

    /// Runs one interview.
    ///
    /// - Parameters:
    ///   - diagnosis: the index of the diagnosis the oracle plays.
    ///   - strategy: how questions are picked.
    ///   - limit: the most questions asked.
    ///   - next: the question choice for a list of answers; defaults to the chooser (pass a cached one to share
    ///     work between interviews that begin alike).
    public func run(
        diagnosis: Int, strategy: Strategy, limit: Int = 50,
        next: (([InterviewAnswer]) -> QuestionChooser.Outcome)? = nil
    ) -> Outcome {
        let engine = chooser.model.engine
        let questions = engine.knowledgeBase.questions
        var answers: [InterviewAnswer] = []
        while answers.count < limit {
            let index: Int?
            switch strategy {
            case .informationGain:
                let outcome = next?(answers) ?? chooser.next(answers: answers)
                if case .ask(let choice) = outcome { index = choice.index } else { index = nil }
            case .fileOrder:
                let result = engine.diagnose(Evidence(answers: answers))
                index =
                    chooser.confidentDiagnosis(result, answers: answers) == nil
                    ? chooser.askable(answers: answers, result: result).first : nil
            }
            guard let index else { break }
            answers.append(
                InterviewAnswer(
                    questionID: questions[index].id, answer: oracleAnswer(question: index, diagnosis: diagnosis)))
        }
        let concluded = chooser.conclusion(of: engine.diagnose(Evidence(answers: answers)), answers: answers).diagnoses
        return Outcome(
            diagnosisID: engine.knowledgeBase.diagnoses[diagnosis].id, asked: answers,
            concludedIDs: concluded.map(\.definition.id))
    }
}

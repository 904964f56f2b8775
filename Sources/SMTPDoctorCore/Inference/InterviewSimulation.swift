/// Simulates interviews in which an oracle answers every question as one diagnosis implies.
///
/// The oracle is the `AnswerModel`: for each question it gives the answer the diagnosis's evidence points at, its
/// first example as the error text, and "unknown" where the rules say nothing. Where the diagnosis is observable by
/// a probe of the server or by the DNS checks of the sending domain (`LookupObservations`), the customer who
/// answers the server question lets the program probe it, and the one asked the DNS question types the domain, as in
/// the terminal interview. It measures whether the question choice reaches the right diagnosis and how many
/// questions it takes, against asking in file order.
public struct InterviewSimulation: Sendable {
    /// How the next question is picked.
    public enum Strategy: String, Sendable, CaseIterable {
        /// The largest expected information gain per unit of cost (what `smtp-doctor interview` does).
        case informationGain = "information-gain"
        /// The first askable question in `questions.yaml` order, with the same confidence stop.
        case fileOrder = "file-order"
        /// Every askable question in file order, without the stop: how far the answers alone can take each cause.
        case everyQuestion = "every-question"
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

    /// Whether the customer lets the program probe the server and look up the domain.
    public var probes: Bool

    /// The share of the questions the cause shows an answer to that the customer cannot answer all the same, and
    /// answers "unknown" (0: none). Which questions they are is fixed by the cause and the question, so every run
    /// and every order of questions meets the same gaps.
    public var forgetting: Double

    /// Creates a simulation.
    public init(chooser: QuestionChooser, withholdsErrors: Bool = false, probes: Bool = true, forgetting: Double = 0) {
        self.chooser = chooser
        self.withholdsErrors = withholdsErrors
        self.probes = probes
        self.forgetting = forgetting
    }

    /// What the probe and the DNS lookup observe when the oracle plays the diagnosis (nothing without `probes`).
    public func observations(diagnosis: Int) -> [Observation] {
        guard probes else { return [] }
        let lookups = chooser.model.lookups
        return [lookups.probe[diagnosis], lookups.dns[diagnosis]].compactMap { $0.map { lookups.distinct[$0] } }
    }

    /// How many diagnoses the probe of the server can observe, and how many the DNS checks of the domain.
    public var observableCounts: (probe: Int, dns: Int) {
        let lookups = chooser.model.lookups
        return (lookups.probe.compactMap { $0 }.count, lookups.dns.compactMap { $0 }.count)
    }

    /// The oracle's answer to a question for a diagnosis; `nil` is "unknown".
    public func oracleAnswer(question: Int, diagnosis: Int) -> QuestionAnswer? {
        if withholdsErrors, chooser.model.engine.knowledgeBase.questions[question].kind == .error { return nil }
        if forgetting > 0, Self.share(question: question, diagnosis: diagnosis) < forgetting { return nil }
        return chooser.model.implied[question][diagnosis].map { chooser.model.candidates[question][$0] }
    }

    /// A number from 0 to 1 spread evenly over the pairs of question and cause, the same in every run.
    private static func share(question: Int, diagnosis: Int) -> Double {
        var mixed = UInt64(truncatingIfNeeded: question) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= UInt64(truncatingIfNeeded: diagnosis)
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Double(mixed >> 11) / Double(1 << 53)
    }

    /// Runs one interview.
    ///
    /// - Parameters:
    ///   - diagnosis: the index of the diagnosis the oracle plays.
    ///   - strategy: how questions are picked.
    ///   - limit: the most questions asked.
    ///   - next: the question choice for the answers and observations so far; defaults to the chooser (pass a cached
    ///     one to share work between interviews that begin alike).
    public func run(
        diagnosis: Int, strategy: Strategy, limit: Int = 50,
        next: (([InterviewAnswer], [Observation]) -> QuestionChooser.Outcome)? = nil
    ) -> Outcome {
        let engine = chooser.model.engine
        let questions = engine.knowledgeBase.questions
        var answers: [InterviewAnswer] = []
        var observed: [Observation] = []
        while answers.count < limit {
            let index: Int?
            switch strategy {
            case .informationGain:
                let outcome = next?(answers, observed) ?? chooser.next(answers: answers, observations: observed)
                if case .ask(let choice) = outcome { index = choice.index } else { index = nil }
            case .fileOrder:
                let result = engine.diagnose(Evidence(answers: answers, observations: observed))
                index =
                    chooser.confidentDiagnosis(result, answers: answers) == nil
                    ? chooser.askable(answers: answers, result: result).first : nil
            case .everyQuestion:
                let result = engine.diagnose(Evidence(answers: answers, observations: observed))
                index = chooser.askable(answers: answers, result: result).first
            }
            guard let index else { break }
            let question = questions[index]
            var answer = oracleAnswer(question: index, diagnosis: diagnosis)
            if probes {
                let answering = chooser.model.answering(index, with: answer, diagnosis: diagnosis)
                answer = answering.answer
                if let observation = answering.observation {
                    observed.append(chooser.model.lookups.distinct[observation])
                }
            }
            answers.append(InterviewAnswer(questionID: question.id, answer: answer))
        }
        let result = engine.diagnose(Evidence(answers: answers, observations: observed))
        let concluded = chooser.conclusion(of: result, answers: answers).diagnoses
        return Outcome(
            diagnosisID: engine.knowledgeBase.diagnoses[diagnosis].id, asked: answers,
            concludedIDs: concluded.map(\.definition.id))
    }
}

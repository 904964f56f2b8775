import SMTPDoctorCore

/// The answer of the interview API's `start`, `answer` and `back` calls: the answers to send with the next request,
/// and the next question or why the interview ended, with the causes leading now.
public struct InterviewStepDocument: Encodable, Sendable {
    /// One answer a choice question takes.
    public struct Choice: Encodable, Sendable {
        var id: String
        var label: String
    }

    /// The question to ask next.
    public struct NextQuestion: Encodable, Sendable {
        var id: String
        var text: String
        var help: String?
        var kind: String
        /// What the question takes, in words.
        var expects: String
        var choices: [Choice]
        /// Why it is asked now: the expected information gain in bits and the question's cost.
        var gain: Double
        var cost: Double
    }

    /// One of the causes leading now.
    public struct Leading: Encodable, Sendable {
        var id: String
        var title: String
        var confidence: Double
    }

    var answers: [InterviewAnswerRecord]
    var question: NextQuestion?
    var ending: String?
    var leading: [Leading]

    /// The step after `answers`: the question `next` to ask, or the `ending` when there is none; `leading` is the
    /// ranking the answers lead to.
    public init(
        answers: [InterviewAnswerRecord], next: QuestionChooser.Choice?, ending: InterviewSummary.Ending?,
        leading: DiagnosisResult
    ) {
        self.answers = answers
        if let next {
            let question = next.question
            self.question = NextQuestion(
                id: question.id, text: question.text, help: question.help, kind: question.kind.rawValue,
                expects: question.expectation,
                choices: question.kind == .choice || question.kind == .yesNo
                    ? question.answers.map { Choice(id: $0.id, label: $0.label) } : [],
                gain: next.gain.isFinite ? next.gain : 0, cost: question.cost)
            self.ending = nil
        } else {
            self.question = nil
            self.ending = ending?.rawValue
        }
        self.leading = leading.diagnoses.prefix(3).map {
            Leading(id: $0.definition.id, title: $0.definition.title, confidence: $0.confidence)
        }
    }
}

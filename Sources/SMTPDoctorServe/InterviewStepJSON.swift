import Foundation
import SMTPDoctorCore

/// The answer of `/api/interview/start`, `/answer` and `/back`: the answers to send with the next request, and the
/// next question or why the interview ended, with the causes leading now.
struct InterviewStepJSON: Encodable {
    struct Choice: Encodable {
        var id: String
        var label: String
    }

    struct NextQuestion: Encodable {
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

    struct Leading: Encodable {
        var id: String
        var title: String
        var confidence: Double
    }

    var answers: [InterviewAnswers.Entry]
    var question: NextQuestion?
    var ending: String?
    var leading: [Leading]

    init(answers: InterviewAnswers, step: InterviewOperation.Step, leading: DiagnosisResult) {
        self.answers = answers.entries
        switch step {
        case .ask(let choice):
            let question = choice.question
            self.question = NextQuestion(
                id: question.id, text: question.text, help: question.help, kind: question.kind.rawValue,
                expects: question.expectation,
                choices: question.kind == .choice || question.kind == .yesNo
                    ? question.answers.map { Choice(id: $0.id, label: $0.label) } : [],
                gain: choice.gain.isFinite ? choice.gain : 0, cost: question.cost)
            ending = nil
        case .ended(let reason):
            question = nil
            ending = reason.rawValue
        }
        self.leading = leading.diagnoses.prefix(3).map {
            Leading(id: $0.definition.id, title: $0.definition.title, confidence: $0.confidence)
        }
    }

    /// The document as JSON text.
    ///
    /// - Throws: ``ServeFailure/unrenderable`` when a value cannot be encoded (a non-finite number).
    func text() throws(ServeFailure) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        } catch {
            throw ServeFailure.unrenderable
        }
    }
}

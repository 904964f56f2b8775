import Foundation
import SMTPDoctorCore
import SMTPDoctorReports

/// `interview` for the page and the API: the next question after the answers so far, or the conclusion.
struct InterviewOperation: Sendable {
    let chooser: QuestionChooser
    let toolVersion: String

    /// Where an interview stands after its answers.
    enum Step: Sendable {
        /// Ask this question next.
        case ask(QuestionChooser.Choice)
        /// The interview has ended.
        case ended(InterviewSummary.Ending)
    }

    var knowledgeBase: KnowledgeBase { chooser.model.engine.knowledgeBase }

    /// The next step of the interview these answers lead to.
    func step(_ interview: Interview) -> Step {
        switch interview.next() {
        case .ask(let choice): return .ask(choice)
        case .confident: return .ended(.confident)
        case .noUsefulQuestion: return .ended(.noUsefulQuestion)
        }
    }

    /// The answers with one more; `words` is `nil` for "unknown".
    ///
    /// - Throws: ``ServeFailure`` when the question is not one of the knowledge base's or the words do not answer
    ///   it; the message says what the question takes.
    func adding(_ words: String?, to questionID: String, in answers: InterviewAnswers) throws(ServeFailure)
        -> InterviewAnswers
    {
        guard let question = knowledgeBase.questions.first(where: { $0.id == questionID }) else {
            throw ServeFailure(.badRequest, "There is no question with the id \"\(questionID.prefix(64))\".")
        }
        var answers = answers
        guard let words = words?.trimmingCharacters(in: .whitespacesAndNewlines), !words.isEmpty else {
            answers.entries.append(.init(question: question.id, answer: nil))
            return answers
        }
        switch question.interpret(words) {
        case .success(let answer):
            let kept = question.kind == .choice || question.kind == .yesNo ? answer.id : words
            answers.entries.append(.init(question: question.id, answer: kept))
            return answers
        case .failure(let problem):
            throw ServeFailure(.badRequest, problem.message)
        }
    }

    /// The conclusion of an interview that ended (or was stopped) here, as the command line writes it.
    ///
    /// - Throws: ``RenderError`` when the JSON document cannot be encoded.
    func conclusion(_ interview: Interview, ending: InterviewSummary.Ending) throws(RenderError) -> Conclusion {
        let result = interview.conclusion(separator: ending == .confident ? nil : interview.separator())
        let summary = InterviewSummary(answers: interview.answers, knowledgeBase: knowledgeBase, ending: ending)
        let report = SupportReport(
            environment: .current(toolVersion: toolVersion, knowledgeBase: knowledgeBase), result: result)
        let json = try DiagnosisJSONRenderer(toolVersion: toolVersion).render(
            result, knowledgeBase: knowledgeBase, interview: summary)
        return Conclusion(result: result, summary: summary, report: report, json: json)
    }

    /// An ended interview's ranked causes, what was asked, and its documents.
    struct Conclusion: Sendable {
        var result: DiagnosisResult
        var summary: InterviewSummary
        var report: SupportReport
        /// The document `smtp-doctor interview --format json` writes.
        var json: String
    }
}

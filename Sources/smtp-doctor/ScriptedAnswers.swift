import Foundation
import SMTPDoctorCore
import SMTPDoctorReports

/// The answers of `interview --answers FILE` played into an interview.
///
/// ```yaml
/// provider: microsoft-365
/// auth-type: basic
/// mfa: yes
/// error: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant."
/// ```
struct ScriptedAnswers {
    /// The file's answers.
    let file: AnswersFile

    /// Reads the answers file.
    init(path: String, knowledgeBase: KnowledgeBase) throws {
        file = try AnswersFile(path: path, knowledgeBase: knowledgeBase)
    }

    /// Gives the facts the file states directly first, then answers each question the interview asks from the file
    /// ("unknown" when the file does not answer it) until the interview stops, and then records what else the file
    /// answered: nothing the file says is dropped.
    func run(_ interview: inout SMTPDoctorCore.Interview) throws -> InterviewSummary.Ending {
        let answers = file.byQuestion
        for given in file.answers where interview.knowledgeBase.question(id: given.questionID) == nil {
            interview.record(given)
        }
        let ending: InterviewSummary.Ending
        asking: while true {
            switch interview.next() {
            case .confident:
                ending = .confident
                break asking
            case .noUsefulQuestion:
                ending = .noUsefulQuestion
                break asking
            case .ask(let choice):
                interview.record(answers[choice.question.id] ?? nil, to: choice.question)
            }
        }
        let asked = Set(interview.answers.map(\.questionID))
        for given in file.answers where !asked.contains(given.questionID) {
            interview.record(given)
        }
        return ending
    }
}

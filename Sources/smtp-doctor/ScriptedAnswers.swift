import Foundation
import SMTPDoctorCore
import SMTPDoctorReports

/// The answers of `interview --answers FILE`: question id → answer, read from YAML.
///
/// ```yaml
/// provider: microsoft-365
/// auth-type: basic
/// mfa: yes
/// error: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant."
/// ```
struct ScriptedAnswers {
    let answers: [String: QuestionAnswer?]

    /// Reads and checks the file: every id must be a question, every answer one the question takes.
    ///
    /// - Throws: `CommandFailure` with `file:line: message` for the first problem.
    init(path: String, knowledgeBase: KnowledgeBase) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw CommandFailure("cannot read \(path)", status: .unreadableInput) }
        let root: RuleNode?
        do {
            root = try RuleNode.parse(yaml: text)
        } catch {
            throw CommandFailure("\(path):\(error.line): \(error.message)", status: .usage)
        }
        guard case .mapping(let pairs, _) = root ?? .mapping([], line: 1) else {
            throw CommandFailure("\(path): the answers must be a mapping of question id to answer", status: .usage)
        }
        var answers: [String: QuestionAnswer?] = [:]
        for pair in pairs {
            guard let question = knowledgeBase.question(id: pair.key) else {
                let known = knowledgeBase.questions.map(\.id).joined(separator: ", ")
                throw CommandFailure(
                    "\(path):\(pair.keyLine): no question '\(pair.key)'; questions: \(known)", status: .usage)
            }
            guard case .scalar(let words, _) = pair.value else {
                throw CommandFailure(
                    "\(path):\(pair.value.line): the answer to '\(pair.key)' must be text", status: .usage)
            }
            if ["unknown", "u"].contains(words.lowercased()) {
                answers[pair.key] = .some(nil)
                continue
            }
            switch question.interpret(words) {
            case .success(let answer): answers[pair.key] = answer
            case .failure(let problem):
                throw CommandFailure(
                    "\(path):\(pair.value.line): '\(words)' does not answer '\(pair.key)'. \(problem.message)",
                    status: .usage)
            }
        }
        self.answers = answers
    }

    /// Runs the interview to its end, answering from the file and "unknown" where the file says nothing.
    func run(_ interview: inout SMTPDoctorCore.Interview) throws -> InterviewSummary.Ending {
        while true {
            switch interview.next() {
            case .confident: return .confident
            case .noUsefulQuestion: return .noUsefulQuestion
            case .ask(let choice):
                interview.record(answers[choice.question.id] ?? nil, to: choice.question)
            }
        }
    }
}

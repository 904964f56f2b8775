import Foundation
import SMTPDoctorCore
import SMTPDoctorReports

/// The answers of an interview so far, carried by the page in a hidden field and by API clients in their requests,
/// so that the server keeps no interview state.
///
/// Each entry is the question's id and the words that answered it (`nil` for "unknown"). They are replayed
/// through the questions' own answer parsing on every request, so a forged list can only give the answers a
/// person could have typed.
struct InterviewAnswers: Codable, Sendable {
    /// One answer.
    typealias Entry = InterviewAnswerRecord

    /// The most answers one interview may carry.
    static let maximumCount = 64
    /// The largest encoded list accepted, in bytes.
    static let maximumBytes = 96 << 10

    var entries: [Entry]

    init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// The list from the page's hidden field; an empty field is an interview just begun.
    ///
    /// - Throws: ``ServeFailure`` when the field is too large or not a list of answers.
    init(field: String?) throws(ServeFailure) {
        guard let field, !field.isEmpty else {
            self.init()
            return
        }
        guard field.utf8.count <= Self.maximumBytes,
            let entries = try? JSONDecoder().decode([Entry].self, from: Data(field.utf8))
        else {
            throw ServeFailure(.badRequest, "The interview's answers were damaged; start the interview again.")
        }
        self.init(entries)
    }

    /// The answers as the interview page carries them: their number and the hidden field's text.
    var page: InterviewPageAnswers { InterviewPageAnswers(count: entries.count, field: field) }

    /// The text of the page's hidden field.
    var field: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The interview these answers lead to.
    ///
    /// - Throws: ``ServeFailure`` when there are too many answers or too much text, a question is unknown or answered twice, or an
    ///   answer does not fit its question.
    func replay(with chooser: QuestionChooser) throws(ServeFailure) -> Interview {
        let bytes = entries.reduce(0) { $0 + $1.question.utf8.count + ($1.answer?.utf8.count ?? 0) }
        guard entries.count <= Self.maximumCount, bytes <= Self.maximumBytes else {
            throw ServeFailure(
                .contentTooLarge,
                "An interview takes at most \(Self.maximumCount) answers of \(Self.maximumBytes >> 10) KiB in all.")
        }
        var interview = Interview(chooser: chooser)
        var asked: Set<String> = []
        for entry in entries {
            guard let question = chooser.model.engine.knowledgeBase.questions.first(where: { $0.id == entry.question })
            else {
                throw ServeFailure(.badRequest, "There is no question with the id \"\(entry.question.prefix(64))\".")
            }
            guard asked.insert(question.id).inserted else {
                throw ServeFailure(.badRequest, "The question \"\(question.id)\" is answered twice.")
            }
            guard let words = entry.answer else {
                interview.record(nil, to: question)
                continue
            }
            switch question.interpret(words) {
            case .success(let answer): interview.record(answer, to: question)
            case .failure(let problem):
                throw ServeFailure(.badRequest, "\(question.id): \(problem.message)")
            }
        }
        return interview
    }
}

import SMTPDoctorCore

/// What was asked and answered in an interview, and why it ended, for the reports.
public struct InterviewSummary: Sendable {
    /// One question and its answer.
    public struct Entry: Sendable, Hashable {
        /// The question id.
        public var question: String
        /// The question text.
        public var text: String
        /// The answer in words (`unknown` when not known).
        public var answer: String
    }

    /// Why the interview ended.
    public enum Ending: String, Sendable {
        /// The leading diagnosis was certain enough.
        case confident
        /// No answer to a remaining question could change the leading diagnosis.
        case noUsefulQuestion = "no-useful-question"
        /// The person typed `quit`.
        case quit
        /// The input ended.
        case endOfInput = "end-of-input"

        /// In words, for the text report.
        public var words: String {
            switch self {
            case .confident: return "one cause is certain enough"
            case .noUsefulQuestion: return "no answer would change the leading cause"
            case .quit: return "stopped on request"
            case .endOfInput: return "the input ended"
            }
        }
    }

    /// The questions in the order asked.
    public var entries: [Entry]
    /// Why it ended.
    public var ending: Ending

    /// The summary of answers given to questions of a knowledge base.
    public init(answers: [InterviewAnswer], knowledgeBase: KnowledgeBase, ending: Ending) {
        entries = answers.map { answer in
            Entry(
                question: answer.questionID, text: knowledgeBase.question(id: answer.questionID)?.text ?? "",
                answer: answer.words)
        }
        self.ending = ending
    }

    /// The summary as text lines for the top of a report.
    public func lines(width: Int = 80) -> [String] {
        let wrapper = TextWrapper(width: width)
        var lines = ["Interview (\(entries.count) question\(entries.count == 1 ? "" : "s"); \(ending.words))"]
        for (number, entry) in entries.enumerated() {
            let head = "\(number + 1). "
            lines += wrapper.wrap(entry.text, first: "  " + head, rest: String(repeating: " ", count: head.count + 2))
            lines += wrapper.wrap(
                entry.answer, first: String(repeating: " ", count: head.count + 2) + "→ ",
                rest: String(repeating: " ", count: head.count + 4))
        }
        return lines + [""]
    }
}

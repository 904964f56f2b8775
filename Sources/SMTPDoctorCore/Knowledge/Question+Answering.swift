extension Question {
    /// The answer a person's words give, or a message saying what this question takes.
    ///
    /// `"2"` and `"oauth2"` both choose the second answer of a choice; `"y"` answers a yes-no question;
    /// `"smtp.gmail.com:465"` answers a host-port question; a sentence that uses one answer's vocabulary ("I changed
    /// the password yesterday") chooses that answer (`answer(inWords:)`). `unknown` is handled by the caller, as it
    /// is the same for every question.
    /// - Parameter words: what was typed, or the value in an answers file.
    /// - Returns: the answer, or a one-line explanation of what is expected.
    public func interpret(_ words: String) -> Result<QuestionAnswer, AnswerProblem> {
        let text = words.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .failure(AnswerProblem(expectation)) }
        switch kind {
        case .yesNo, .choice:
            let lowered = text.lowercased()
            let aliases = kind == .yesNo ? ["y": "yes", "n": "no", "true": "yes", "false": "no"] : [:]
            let wanted = aliases[lowered] ?? lowered
            if let number = Int(text), answers.indices.contains(number - 1) { return .success(answers[number - 1]) }
            if let answer = answers.first(where: { $0.id.lowercased() == wanted || $0.label.lowercased() == wanted }) {
                return .success(answer)
            }
            if let answer = answer(inWords: text) { return .success(answer) }
            return .failure(AnswerProblem(expectation))
        case .text:
            let facts = textFacts.map { ($0, FactValue.string(text)) }
            return .success(QuestionAnswer(id: text, label: text, facts: facts, errorText: nil))
        case .error:
            return .success(QuestionAnswer(id: "error", label: text, facts: [], errorText: text))
        case .hostPort:
            guard let server = HostPort(parsing: text) else { return .failure(AnswerProblem(expectation)) }
            return .success(answer(for: server))
        }
    }

    /// What the question takes, in words.
    public var expectation: String {
        switch kind {
        case .yesNo: return "Answer yes, no or unknown."
        case .choice: return "Answer with a number from 1 to \(answers.count), or unknown."
        case .text: return "Type the answer, or unknown."
        case .error: return "Paste the error text on one line, or unknown."
        case .hostPort: return "Type the server and port, such as smtp.example.com:587, or unknown."
        }
    }
}

/// Why an answer was not understood, with what the question takes.
public struct AnswerProblem: Error, Sendable, Hashable {
    /// What to type instead.
    public var message: String

    /// Creates a problem.
    public init(_ message: String) {
        self.message = message
    }
}

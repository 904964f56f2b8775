import Foundation
import SMTPDoctorCore

/// The one answers format of `interview --answers` and `report --answers`: a YAML mapping whose keys are question
/// ids (`auth-type: basic`, `error: "535 5.7.8 …"`) or declared fact names (`provider: microsoft-365`), in any mix.
///
/// An answer to a question is read as the interview reads a typed answer; `unknown` is always allowed. A key that is
/// neither a question nor a fact is refused with its `file:line` and the closest known key.
struct AnswersFile {
    /// The answers, in file order: to questions, and facts given directly (under the fact's name).
    let answers: [InterviewAnswer]

    /// Reads and checks a file.
    init(path: String, knowledgeBase: KnowledgeBase) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the answers file \(path)", status: .unreadableInput)
        }
        let root: RuleNode?
        do {
            root = try RuleNode.parse(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw CommandFailure("\(path):\(error.line): \(error.message)", status: .unreadableInput)
        }
        guard case .mapping(let pairs, _) = root ?? .mapping([], line: 1) else {
            throw CommandFailure(
                "\(path):\(root?.line ?? 1): the answers must be a mapping of question ids or fact names to answers",
                status: .usage)
        }
        var seen: Set<String> = []
        var answers: [InterviewAnswer] = []
        for pair in pairs {
            guard seen.insert(pair.key).inserted else {
                throw CommandFailure("\(path):\(pair.keyLine): '\(pair.key)' is answered twice", status: .usage)
            }
            guard case .scalar(let words, _) = pair.value else {
                throw CommandFailure(
                    "\(path):\(pair.value.line): the answer to '\(pair.key)' must be text", status: .usage)
            }
            if let question = knowledgeBase.question(id: pair.key) {
                answers.append(try Self.answer(question, words, line: pair.value.line, path: path))
            } else if let declaration = knowledgeBase.fact(named: pair.key) {
                guard let value = Self.value(words, for: declaration),
                    let answer = InterviewAnswer(fact: pair.key, value: value, knowledgeBase: knowledgeBase)
                else {
                    let expected =
                        declaration.type == .enum
                        ? "one of \(declaration.values.joined(separator: ", "))" : "a \(declaration.type.rawValue)"
                    throw CommandFailure(
                        "\(path):\(pair.value.line): fact '\(pair.key)' takes \(expected)", status: .usage)
                }
                answers.append(answer)
            } else {
                let suggestion = knowledgeBase.closestAnswerKey(to: pair.key)
                throw CommandFailure(
                    "\(path):\(pair.keyLine): '\(pair.key)' is neither a question id nor a fact name"
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                        + " (smtp-doctor rules list questions, smtp-doctor rules list facts)",
                    status: .usage)
            }
        }
        self.answers = answers
    }

    /// The answers to questions by question id (`nil` inside for "unknown").
    var byQuestion: [String: QuestionAnswer?] {
        Dictionary(answers.map { ($0.questionID, $0.answer) }, uniquingKeysWith: { first, _ in first })
    }

    private static func answer(_ question: Question, _ words: String, line: Int, path: String) throws
        -> InterviewAnswer
    {
        if ["unknown", "u"].contains(words.lowercased()) {
            return InterviewAnswer(questionID: question.id, answer: nil)
        }
        switch question.interpret(words) {
        case .success(let answer): return InterviewAnswer(questionID: question.id, answer: answer)
        case .failure(let problem):
            throw CommandFailure(
                "\(path):\(line): '\(words)' does not answer '\(question.id)'. \(problem.message)", status: .usage)
        }
    }

    private static func value(_ text: String, for declaration: FactDeclaration) -> FactValue? {
        switch declaration.type {
        case .int: return Int(text).map(FactValue.int)
        case .bool:
            if ["true", "True", "TRUE", "yes"].contains(text) { return .bool(true) }
            if ["false", "False", "FALSE", "no"].contains(text) { return .bool(false) }
            return nil
        case .string, .text:
            return .string(text)
        case .enum:
            guard declaration.values.contains(text) else { return nil }
            return .string(text)
        }
    }
}

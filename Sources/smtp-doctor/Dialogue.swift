import Foundation
import SMTPDoctorCore
import SMTPDoctorReports

/// The terminal side of `smtp-doctor interview`: shows a question, reads a line, repeats.
///
/// It reads plain lines, so it works in a terminal, in tmux and through a pipe; the end of the input ends the
/// interview with the current ranking instead of waiting.
struct Dialogue {
    /// Where the conversation is written (standard error when standard output carries JSON).
    enum Stream {
        case standardOutput
        case standardError
    }

    let output: Stream
    let style: TextStyle
    /// Live probes, when the build has them; the interview then offers them when a server is given.
    let probe: (any InterviewProbe)?

    /// Runs the conversation until a cause is certain, no question helps, the person quits or the input ends.
    func run(_ interview: inout SMTPDoctorCore.Interview) async -> InterviewSummary.Ending {
        say(
            "smtp-doctor interview: a few questions about the failing mail.\n"
                + "Type a number or an answer; 'unknown' if you do not know, '?' for why a question is asked, "
                + "'back' to undo the last answer, 'quit' to stop.\n")
        while true {
            let choice: QuestionChooser.Choice
            switch interview.next() {
            case .confident: return .confident
            case .noUsefulQuestion: return .noUsefulQuestion
            case .ask(let next): choice = next
            }
            show(choice.question, number: interview.answers.count + 1)
            var answered = false
            while !answered {
                write("> ")
                guard let line = await Self.readAnswer() else {
                    say("\n(end of input: stopping with the current ranking)")
                    return .endOfInput
                }
                let words = line.trimmingCharacters(in: .whitespaces)
                switch words.lowercased() {
                case "quit", "q", "exit":
                    return .quit
                case "?", "why", "help":
                    explain(choice)
                case "back", "b":
                    if let undone = interview.back() {
                        say("Undone: \(undone.questionID) = \(undone.words)\n")
                    } else {
                        say("Nothing to undo yet.")
                        continue
                    }
                    answered = true
                case "unknown", "u", "don't know", "dont know", "not sure", "no idea", "skip":
                    interview.record(nil, to: choice.question)
                    answered = true
                default:
                    switch choice.question.interpret(words) {
                    case .failure(let problem):
                        guard let elsewhere = interview.answerElsewhere(words) else {
                            say(problem.message)
                            continue
                        }
                        interview.record(elsewhere.answer, to: elsewhere.question)
                        say("Taken as the answer to \"\(elsewhere.question.text)\": \(elsewhere.answer.label)\n")
                        answered = true
                    case .success(let answer):
                        interview.record(answer, to: choice.question)
                        answered = true
                        if choice.question.kind == .hostPort, let probe,
                            let server = HostPort(parsing: words), await offerProbe(server)
                        {
                            interview.add(await probe.probe(server))
                        }
                    }
                }
            }
            showLeading(interview.conclusion())
        }
    }

    // MARK: - Showing

    private func show(_ question: Question, number: Int) {
        var lines = [style.bold("\(number). \(question.text)")]
        switch question.kind {
        case .choice:
            for (index, answer) in question.answers.enumerated() {
                lines.append("   \(String(index + 1).leftPadded(to: 2)). \(answer.label)")
            }
            lines.append(style.dim("   (1-\(question.answers.count), unknown, ?, back, quit)"))
        case .yesNo:
            lines.append(style.dim("   (yes, no, unknown, ?, back, quit)"))
        case .error, .text, .hostPort:
            lines.append(style.dim("   (\(question.expectation.dropLast()); ?, back, quit)"))
        }
        say(lines.joined(separator: "\n"))
    }

    private func explain(_ choice: QuestionChooser.Choice) {
        var lines: [String] = []
        if let help = choice.question.help { lines.append(help) }
        lines.append(
            String(
                format: "Asked now because its answer is expected to tell the likely causes apart best: "
                    + "%.2f bits of information for a cost of %g.", choice.gain, choice.question.cost))
        let shown = choice.separates.prefix(5)
        if !shown.isEmpty { lines.append("It separates:") }
        for group in shown {
            let label = group.answer.errorText.map { String($0.prefix(40)) } ?? group.answer.label
            lines.append("  \(label) → \(group.diagnoses.joined(separator: ", "))")
        }
        say(lines.joined(separator: "\n"))
    }

    private func showLeading(_ result: DiagnosisResult) {
        let leading = result.diagnoses.prefix(3).enumerated().map { rank, diagnosis in
            "\(rank + 1). \(diagnosis.definition.id) \(Int((diagnosis.confidence * 100).rounded()))%"
        }
        say(
            style.dim("Leading now: " + (leading.isEmpty ? "nothing answered yet" : leading.joined(separator: "  ")))
                + "\n")
    }

    private func offerProbe(_ server: HostPort) async -> Bool {
        write("Run the live probes against \(server) now? It is quicker than more questions. [Y/n] ")
        guard let line = await Self.readAnswer() else { return false }
        return !["n", "no"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The next line of standard input, read off the cooperative pool; nil at its end.
    private static func readAnswer() async -> String? {
        (try? await BlockingWork.run { readLine(strippingNewline: true) }) ?? nil
    }

    // MARK: - Writing

    private func say(_ text: String) {
        write(text + "\n")
    }

    private func write(_ text: String) {
        if output == .standardOutput, (try? Terminal.write(text)) != nil { return }
        Terminal.writeError(text)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes
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
    /// The live probes and the sign-in test, offered when a server is given; nil never offers them.
    let probe: LiveInterviewProbe?
    /// The DNS checks run when the sending domain is typed for a question that allows it; nil never runs them.
    let domainLookup: LiveDomainLookup?

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
                        if choice.question.lookup == .domainDNS, let domainLookup,
                            let domain = LiveDomainLookup.domain(in: words)
                        {
                            answered = await lookUp(domain, with: domainLookup, for: choice.question, into: &interview)
                            continue
                        }
                        guard let elsewhere = interview.answerElsewhere(words) else {
                            say(problem.message)
                            continue
                        }
                        interview.record(elsewhere.answer, to: elsewhere.question)
                        say("Taken as the answer to \"\(elsewhere.question.text)\": \(elsewhere.answer.label)\n")
                        answered = true
                        await offerProbes(after: elsewhere.question, answered: words, into: &interview)
                    case .success(let answer):
                        interview.record(answer, to: choice.question)
                        answered = true
                        await offerProbes(after: choice.question, answered: words, into: &interview)
                    }
                }
            }
            showLeading(interview.conclusion())
        }
    }

    // MARK: - Probing

    /// Offers the live probes when the question answered named a server, and runs them if the person agrees.
    private func offerProbes(
        after question: Question, answered words: String, into interview: inout SMTPDoctorCore.Interview
    ) async {
        guard question.kind == .hostPort, let probe, let server = HostPort(parsing: words), await offerProbe(server)
        else { return }
        await run(probe, on: server, into: &interview)
    }

    /// Runs the live probes; then, when the port takes credentials safely and the person agrees, the sign-in test,
    /// whose observation replaces the probes' (it went through the same steps, and further).
    private func run(
        _ probe: LiveInterviewProbe, on server: HostPort, into interview: inout SMTPDoctorCore.Interview
    ) async {
        guard let report = await probe.probe(server) else { return }
        interview.add(report.observation())
        guard report.acceptsCredentialsSafely, Terminal.isStandardInputATerminal,
            let credentials = await askForAccount(on: report)
        else { return }
        let signedIn = await probe.signIn(where: report, as: credentials)
        interview.replaceLastObservation(with: signedIn.observation())
        say(Self.outcome(of: signedIn) + "\n")
    }

    /// Asks whether to test the sender's account, then for its name, then for its password without echo.
    private func askForAccount(on report: ProbeReport) async -> Credentials? {
        write(
            "\(report.host):\(report.port) offers sign-in over an encrypted connection. Test the account the sender "
                + "uses? The password is read without echo, sent only to this server, never shown or saved. [y/N] ")
        guard let consent = await Self.readAnswer(),
            ["y", "yes"].contains(consent.trimmingCharacters(in: .whitespaces).lowercased())
        else { return nil }
        write("Account (the user name, often the mailbox's address): ")
        guard let account = await Self.readAnswer()?.trimmingCharacters(in: .whitespaces), !account.isEmpty else {
            return nil
        }
        guard let password = try? await BlockingWork.run({ try SecretSource.prompt("Password for \(account): ") })
        else {
            say("No password entered: the sign-in test was skipped.")
            return nil
        }
        return Credentials(username: account, secret: Secret(password))
    }

    /// How the sign-in test ended, with the server's reply when it refused.
    private static func outcome(of report: ProbeReport) -> String {
        switch report.session.authOutcome {
        case .accepted:
            return "Sign-in test: the server accepted the account and password."
        case .rejected:
            return "Sign-in test: the server refused them: \(report.session.authReply?.summary ?? "no reply")"
        case .notAttempted, .notOffered, .mechanismNotOffered, .plaintextRefused:
            return "Sign-in test: no sign-in was tried (the probe ended with \(report.verdict.rawValue))."
        }
    }

    // MARK: - Looking up

    /// Runs the DNS checks of the sending domain in place of the question's answer and shows what they found;
    /// whether the question counts as answered (not when the checks could not run).
    private func lookUp(
        _ domain: String, with lookup: LiveDomainLookup, for question: Question,
        into interview: inout SMTPDoctorCore.Interview
    ) async -> Bool {
        say("Looking up \(domain) in DNS: MX, SPF, DKIM, DMARC and the other checks of check-domain …")
        switch await lookup.check(domain) {
        case .failure(let failure):
            say("The DNS checks of \(domain) could not run: \(failure.message)")
            return false
        case .success(let report):
            interview.add(report.observation())
            interview.record(.lookedUp(domain, by: .domainDNS), to: question)
            let shown = report.findings.filter { $0.status != .info }
            say(shown.map { "  \($0.check): \($0.status.rawValue) — \($0.detail)" }.joined(separator: "\n") + "\n")
            return true
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
            let lookup = question.lookup == .domainDNS && domainLookup != nil ? ", or the domain to look it up" : ""
            lines.append(style.dim("   (1-\(question.answers.count)\(lookup), unknown, ?, back, quit)"))
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

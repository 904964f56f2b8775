import SMTPDoctorCore

/// Renders a diagnosis for a terminal: ranked causes with the reasons, the checklist, then the facts.
///
/// Lines fit in `width` columns (80 by default); long values are wrapped or shortened.
public struct DiagnosisTextRenderer: Sendable {
    /// Show ruled-out diagnoses and the derivation trace too.
    public var explain: Bool
    /// Colours or plain text.
    public var style: TextStyle
    /// The column width.
    public var width: Int
    /// How many diagnoses to show in full.
    public var maximumDiagnoses: Int
    /// How many checklist steps to show; the rest are counted ("… 4 more steps"). `nil` shows them all.
    public var maximumSteps: Int?
    /// Only the most likely cause and the steps of its own remediations: no other cause, codes or facts.
    public var brief: Bool
    /// Values given on the command line for the commands' placeholders; the facts fill the gaps.
    public var commandValues: CommandValues

    /// Creates a text report.
    public init(
        explain: Bool = false, style: TextStyle = TextStyle(colour: false), width: Int = 80, maximumDiagnoses: Int = 5,
        maximumSteps: Int? = nil, brief: Bool = false, commandValues: CommandValues = CommandValues()
    ) {
        self.explain = explain
        self.style = style
        self.width = width
        self.maximumDiagnoses = maximumDiagnoses
        self.maximumSteps = maximumSteps
        self.brief = brief
        self.commandValues = commandValues
    }

    /// The report for one result.
    /// - Parameters:
    ///   - result: what the engine concluded.
    ///   - knowledgeBase: for the lists of providers and symptoms suggested when nothing was recognised.
    ///   - interview: the questions and answers of an interview, shown first.
    public func render(
        _ result: DiagnosisResult, knowledgeBase: KnowledgeBase, interview: InterviewSummary? = nil
    ) -> String {
        var lines: [String] = interview?.lines(width: width) ?? []
        let wrapper = TextWrapper(width: width)
        if let provider = result.provider {
            lines.append("\(style.bold("Provider:")) \(provider.name)")
        }
        if !lines.isEmpty { lines.append("") }

        if result.isRecognised {
            lines += diagnoses(result, wrapper)
            lines += checklist(result, wrapper)
        } else {
            lines += notRecognised(result, knowledgeBase, wrapper)
        }
        if brief {
            while lines.last == "" { lines.removeLast() }
            return UntrustedText.terminal(lines.joined(separator: "\n") + "\n", keepingColours: style.colour)
        }
        if explain {
            lines += ruledOut(result, wrapper)
            lines += derivations(result, wrapper)
        }
        lines += codes(result, wrapper)
        lines += facts(result)
        return UntrustedText.terminal(lines.joined(separator: "\n") + "\n", keepingColours: style.colour)
    }

    private func codes(_ result: DiagnosisResult, _ wrapper: TextWrapper) -> [String] {
        guard !result.codes.isEmpty else { return [] }
        var lines = [style.bold("What the codes mean")]
        for code in ShownCodeMeaning.all(in: result) {
            let head = "  \(code.code.padding(toLength: 6, withPad: " ", startingAt: 0)) "
            lines += wrapper.wrap(
                "\(code.title). \(code.meaning)", first: head,
                rest: String(repeating: " ", count: head.count))
        }
        lines.append("")
        return lines
    }

    // MARK: - Sections

    private func diagnoses(_ result: DiagnosisResult, _ wrapper: TextWrapper) -> [String] {
        var lines = [style.bold(brief ? "Most likely cause" : "Likely causes")]
        let shown = brief ? 1 : maximumDiagnoses
        for (rank, diagnosis) in result.diagnoses.prefix(shown).enumerated() {
            let definition = diagnosis.definition
            let tail = "\(percent(diagnosis.confidence))  \(definition.category)"
            let number = "\(rank + 1). "
            let room = width - tail.count - number.count - 2
            let title =
                definition.title.count > room ? String(definition.title.prefix(room - 1)) + "…" : definition.title
            let gap = String(repeating: " ", count: max(2, width - number.count - title.count - tail.count))
            lines.append(number + style.bold(title) + gap + confidenceColour(diagnosis.confidence, tail))
            lines.append("   " + style.dim(definition.id))
            lines += wrapper.wrap(definition.summary, first: "   ", rest: "   ")
            lines.append("   Why:")
            for evidence in diagnosis.evidence {
                lines += wrapper.wrap(
                    "\(evidence.reason)  [\(sources(evidence))]", first: "     \(signed(evidence.certainty))  ",
                    rest: "            ")
            }
            lines.append("")
        }
        if result.diagnoses.count > shown {
            let hint = brief ? "without --brief" : "see --format json"
            lines.append("   … and \(result.diagnoses.count - shown) less likely (\(hint))")
            lines.append("")
        }
        return lines
    }

    private func checklist(_ result: DiagnosisResult, _ wrapper: TextWrapper) -> [String] {
        var steps = result.checklist
        if brief, let leading = result.diagnoses.first?.definition.id {
            steps = steps.filter { $0.diagnosisIDs.first == leading }
        }
        guard !steps.isEmpty else { return [] }
        let limit = maximumSteps ?? (brief ? 3 : steps.count)
        steps = Array(steps.prefix(limit))
        let hidden = result.checklist.count - steps.count
        var lines = [style.bold("What to do")]
        let commands = ChecklistCommands(result: result, given: commandValues).commandsAfter(
            steps, remediations: result.diagnoses.flatMap(\.remediations))
        for (index, item) in steps.enumerated() {
            let number = "\(index + 1)."
            let head = " \(number.padding(toLength: 4, withPad: " ", startingAt: 0))[ ] "
            let indent = String(repeating: " ", count: head.count)
            let text = item.provider.map { "(\($0)) " + item.step } ?? item.step
            lines += wrapper.wrap(text, first: head, rest: indent)
            for command in commands[index] {
                if !command.label.isEmpty { lines += wrapper.wrap(command.label + ":", first: indent, rest: indent) }
                lines.append(indent + style.cyan((command.shell == "powershell" ? "PS> " : "$ ") + command.run))
            }
        }
        if hidden > 0 {
            let how = maximumSteps == nil ? "without --brief" : "with a larger --max-steps"
            lines.append("   … \(hidden) more step\(hidden == 1 ? "" : "s") (shown \(how))")
        }
        lines.append("")
        return lines
    }

    private func notRecognised(_ result: DiagnosisResult, _ knowledgeBase: KnowledgeBase, _ wrapper: TextWrapper)
        -> [String]
    {
        var lines = wrapper.wrap(
            "Nothing in the evidence matches a known cause well enough to name one.",
            first: style.yellow(style.bold("Not recognised.")) + " ", rest: "")
        lines.append("")
        lines.append(style.bold("Try next"))
        let advice = [
            "Paste the complete error as the application or server printed it, with its three-digit reply code and enhanced code (such as 550 5.1.1) and the text after them.",
            "Name the mail service with --provider: " + knowledgeBase.providers.map(\.id).joined(separator: ", ") + ".",
            "Describe what you observe with --symptom: " + knowledgeBase.symptoms.map(\.id).joined(separator: ", ")
                + ".",
            "Look for the error in the application's log or the server's log (Postfix: /var/log/mail.log; Exchange: the SmtpSend protocol log) and paste that line, or let smtp-doctor read the whole file: smtp-doctor analyze FILE.",
            "Test the server itself: smtp-doctor probe --host HOST --port auto (add --user and --password-env to test the login).",
        ]
        for item in advice { lines += wrapper.wrap(item, first: "  - ", rest: "    ") }
        lines.append("")
        return lines
    }

    private func ruledOut(_ result: DiagnosisResult, _ wrapper: TextWrapper) -> [String] {
        guard !result.ruledOut.isEmpty else { return [] }
        var lines = [style.bold("Considered and set aside")]
        for diagnosis in result.ruledOut {
            lines.append("  \(diagnosis.definition.id)  \(percent(diagnosis.confidence))")
            for evidence in diagnosis.evidence {
                lines += wrapper.wrap(
                    evidence.reason, first: "     \(signed(evidence.certainty))  ", rest: "            ")
            }
        }
        lines.append("")
        return lines
    }

    private func derivations(_ result: DiagnosisResult, _ wrapper: TextWrapper) -> [String] {
        guard !result.firings.isEmpty else { return [] }
        var lines = [style.bold("Derived facts")]
        for firing in result.firings {
            let set = firing.facts.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
            lines += wrapper.wrap("\(set) — rule \(firing.ruleID)", first: "  ", rest: "    ")
            lines += wrapper.wrap(
                "because " + firing.because.map(\.description).joined(separator: " and "), first: "    ", rest: "    ")
        }
        lines.append("")
        return lines
    }

    private func facts(_ result: DiagnosisResult) -> [String] {
        guard !result.facts.isEmpty else { return [] }
        var lines = [style.bold("Facts")]
        let nameWidth = min(24, result.facts.map(\.name.count).max() ?? 0)
        for fact in result.facts {
            let source = fact.source.description
            let room = max(10, width - nameWidth - source.count - 8)
            var value = fact.value.description
            if value.count > room { value = String(value.prefix(room - 1)) + "…" }
            lines.append(
                "  \(fact.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  \(value)  \(style.dim("(" + source + ")"))"
            )
        }
        return lines
    }

    private func sources(_ evidence: EvidenceFiring) -> String {
        var names: [String] = []
        for check in evidence.because {
            guard let source = check.source?.description, !names.contains(source) else { continue }
            names.append(source)
        }
        return names.joined(separator: ", ")
    }

    private func confidenceColour(_ confidence: Double, _ text: String) -> String {
        confidence >= 0.7 ? style.green(text) : confidence >= 0.4 ? style.yellow(text) : style.dim(text)
    }
}

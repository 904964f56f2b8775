import ArgumentParser
import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes
import SMTPDoctorReports

extension SMTPDoctor {
    /// `smtp-doctor interview`: a guided conversation that asks the fewest questions that reach a diagnosis.
    struct Interview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "interview",
            abstract: "Find the cause by answering a few questions.",
            discussion: """
                Asks one question at a time — each time the one expected to tell the likely causes apart best for \
                the effort of answering it — shows the leading causes as they change, and ends with the ranked \
                causes and the checklist, as diagnose does.

                While answering: a number or a word picks an answer; 'unknown' (or 'u') when you do not know; \
                '?' or 'why' says why the question is asked now; 'back' undoes the last answer; 'quit' ends with \
                the current ranking (so does the end of the input).

                With --answers FILE the interview runs without a terminal: FILE is YAML mapping question ids to \
                answers — question ids (those of Rules/questions.yaml) or fact names, the same format as report \
                --answers; questions it does not answer count as unknown.

                When a server is named, the live probes are offered: they check connection, TLS and the greeting \
                without a password. When the server then offers sign-in over an encrypted connection whose \
                certificate verified, a sign-in test with the sender's account is offered too (in a terminal \
                only): the password is read without echo, sent to that server alone, and never shown or saved.

                Where the question about the domain's SPF, DKIM and DMARC records is asked, typing the sending \
                domain (or an address at it) runs the DNS checks of check-domain instead, with --dns-server, --ip \
                and --selector.

                EXAMPLES:
                  smtp-doctor interview
                  smtp-doctor interview --report case-1234.html
                  smtp-doctor interview --answers case.yaml --format json

                EXIT CODES:
                \(ExitStatus.table(ExitStatus.diagnosing, success: "a diagnosis was found"))
                """)

        @Option(
            name: .customLong("answers"),
            help: ArgumentHelp(
                "A YAML file of answers (question id or fact name: answer); runs without questions.", valueName: "file")
        )
        var answersFile: String?

        @OptionGroup var output: OutputOptions<SupportDocuments>

        @Option(
            name: .customLong("report"),
            help: ArgumentHelp(
                "Also write the support report to this file (HTML, or Markdown for .md), besides the usual output.",
                valueName: "file"))
        var reportFile: String?

        @Option(
            help: ArgumentHelp(
                "Stop asking when the leading cause holds this share of the probability (0 to 1).", valueName: "value"))
        var confidence: Double = QuestionChooser.Settings().confidence

        @Option(
            help: ArgumentHelp(
                "Also trust the CA certificates in this PEM file when probing the server named (a private CA).",
                valueName: "path"))
        var caFile: String?

        @OptionGroup var dns: DomainCheckArguments

        @OptionGroup var knowledge: KnowledgeOptions

        func validate() throws {
            guard (0...1).contains(confidence) else {
                throw ValidationError("--confidence takes a number from 0 to 1.")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let knowledgeBase = try knowledge.load()
                let engine = InferenceEngine(
                    knowledgeBase: knowledgeBase, threshold: output.minConfidence, weighingSources: true)
                var settings = QuestionChooser.Settings()
                settings.confidence = confidence
                let chooser = QuestionChooser(model: AnswerModel(engine: engine), settings: settings)
                var interview = SMTPDoctorCore.Interview(chooser: chooser)
                let ending: InterviewSummary.Ending
                if let answersFile {
                    let answers = try ScriptedAnswers(path: answersFile, knowledgeBase: knowledgeBase)
                    ending = try answers.run(&interview)
                } else {
                    let dialogue = Dialogue(
                        output: output.outputFile == nil && output.resolvedFormat != .text
                            ? .standardError : .standardOutput,
                        style: TextStyle(colour: Terminal.wantsColour(disabled: output.noColour)),
                        probe: LiveInterviewProbe(trust: try TrustRoots.system(adding: caFile)),
                        domainLookup: LiveDomainLookup(arguments: dns, knowledgeBase: knowledgeBase))
                    ending = await dialogue.run(&interview)
                }
                let result = interview.conclusion(separator: ending == .confident ? nil : interview.separator())
                let summary = InterviewSummary(
                    answers: interview.answers, knowledgeBase: knowledgeBase, ending: ending)
                let report = DiagnosisReport(
                    document: SupportReport(
                        environment: .current(toolVersion: ToolVersion.current, knowledgeBase: knowledgeBase),
                        result: result),
                    knowledgeBase: knowledgeBase, interview: summary)
                try await output.emit(report)
                if let reportFile { try output.writeDocument(report, toFile: reportFile) }
                if !result.isRecognised { throw ExitStatus.notRecognised.code }
            }
        }
    }
}

import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorProbes
import SMTPDoctorReports

extension SMTPDoctor {
    /// `smtp-doctor report`: one document for a support ticket from every kind of evidence given.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write one support document from error texts, a probe and interview answers.",
            discussion: """
                Gathers the evidence given — each --error, a probe of --host, answers from --answers — reasons \
                about it as a whole and writes a document for a support ticket: a summary, the ranked causes with \
                their evidence, the checklist, the facts and their sources, the probe transcript (credentials \
                redacted), the provider's recommended settings beside what was observed, the errors verbatim, and \
                the environment the ticket needs. The HTML is one self-contained file that prints on A4 and Letter.

                The format follows the --output file's extension (.html, .md, .json), or --format; text otherwise. \
                --template DIR replaces the built-in Mustache templates (report.html.mustache, report.md.mustache).

                EXAMPLES:
                  smtp-doctor report --error "550 5.7.1 Unable to relay" --host mx.example.com
                  smtp-doctor report --error - --format markdown < bounce.txt > ticket.md
                  smtp-doctor report --error "535 5.7.8" --answers a.yaml -o case.html
                  smtp-doctor report --error "535 5.7.8" --template ours -o case.md

                EXIT CODES:
                \(ExitStatus.table(ExitStatus.diagnosing, success: "a diagnosis was found and the report written"))
                """)

        @OptionGroup var given: EvidenceOptions

        @OptionGroup(title: "Check a domain's DNS") var domainCheck: DomainEvidenceOptions

        @Option(
            help: ArgumentHelp(
                "A YAML file of answers: question ids or fact names to answers, as interview --answers takes.",
                valueName: "file"))
        var answers: String?

        @OptionGroup var output: OutputOptions<SupportDocuments>

        @OptionGroup var knowledge: KnowledgeOptions

        @OptionGroup(title: "Probe a server") var connection: ConnectionOptions

        func validate() throws {
            guard !given.isEmpty || connection.host != nil || answers != nil || domainCheck.domain != nil else {
                throw ValidationError(
                    "Give the evidence: --error TEXT (or --error - to read it), a --symptom, --answers FILE, or a server to probe with --host."
                )
            }
        }

        func run() async throws {
            try await reportingFailures {
                let knowledgeBase = try knowledge.load()
                let texts = try await given.texts()
                var evidence = try given.evidence(texts: texts, knowledgeBase: knowledgeBase)
                let domainReport = try await domainCheck.report(knowledgeBase: knowledgeBase)
                if let domainReport { evidence.observations.append(domainReport.observation()) }
                if let answers {
                    let file = try AnswersFile(path: answers, knowledgeBase: knowledgeBase)
                    let answered = Evidence(answers: file.answers)
                    evidence.context += answered.context
                    evidence.observations += answered.observations
                }
                var probes: [ProbeReport] = []
                if let host = connection.host {
                    probes = try await connection.run(host: host)
                    if let best = PortSweep.best(of: probes) { evidence.observations.append(best.observation()) }
                }
                let engine = InferenceEngine(knowledgeBase: knowledgeBase, threshold: output.minConfidence)
                let result = engine.diagnose(evidence)
                var report = SupportReport(
                    environment: .current(toolVersion: ToolVersion.current, knowledgeBase: knowledgeBase),
                    connection: connection.host.map { connection.reportConnection(host: $0) }, errors: texts,
                    provider: given.resolvedProvider, symptoms: given.symptoms, result: result,
                    probes: probes.map {
                        ProbeOutcome(
                            report: $0, explanation: ProbeExplanation(report: $0, engine: engine), result: result)
                    },
                    domainCheck: domainReport)
                report.commandValues = connection.commandValues(domain: domainCheck.domain)
                try await output.emit(SupportTicketReport(document: report, knowledgeBase: knowledgeBase))
                if !result.isRecognised { throw ExitStatus.notRecognised.code }
            }
        }
    }
}

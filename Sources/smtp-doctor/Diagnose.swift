import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorProbes
import SMTPDoctorReports

extension SMTPDoctor {
    /// `smtp-doctor diagnose`: ranks the causes of a delivery failure from the error text.
    struct Diagnose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diagnose",
            abstract: "Diagnose a delivery failure from the error you see.",
            discussion: """
                Give the error as the application, the server or the bounce message printed it: a bare code \
                (550 5.1.1), an SMTP reply, an NDR excerpt, a Postfix or Exchange log line, or a client-library \
                exception. Each --error is reasoned about on its own and the conclusions are combined.

                EXAMPLES:
                  smtp-doctor diagnose --error "535 5.7.8 Authentication credentials invalid"
                  smtp-doctor diagnose --error "550 5.7.1 Unable to relay" --provider exchange
                  smtp-doctor diagnose --symptom duplicate-messages
                  smtp-doctor diagnose --error "535 5.7.139" --brief
                  pbpaste | smtp-doctor diagnose --error - --format json
                  smtp-doctor diagnose --error "535 5.7.8" --format markdown > ticket.md
                  smtp-doctor diagnose --host mail.example.com --port 465 --user svc

                EXIT CODES:
                \(ExitStatus.table(ExitStatus.diagnosing, success: "a diagnosis was found"))
                """)

        @OptionGroup var given: EvidenceOptions

        @OptionGroup(title: "Check a domain's DNS") var domainCheck: DomainEvidenceOptions

        @Flag(help: "Also show the causes considered and set aside, and every derived fact.")
        var explain = false

        @OptionGroup var output: OutputOptions<SupportDocuments>

        @OptionGroup var knowledge: KnowledgeOptions

        @OptionGroup(title: "Probe a server") var connection: ConnectionOptions

        func validate() throws {
            guard !given.isEmpty || connection.host != nil || domainCheck.domain != nil else {
                throw ValidationError(
                    "Give the error with --error TEXT (or --error - to read it), a --symptom, or a server to probe with --host."
                )
            }
        }

        /// What the command line says about the server, the domain and the user, for the commands' placeholders.
        private var commandValues: CommandValues { connection.commandValues(domain: domainCheck.domain) }

        func run() async throws {
            try await reportingFailures {
                let knowledgeBase = try knowledge.load()
                let texts = try await given.texts()
                var evidence = try given.evidence(texts: texts, knowledgeBase: knowledgeBase)
                let domainReport = try await domainCheck.report(knowledgeBase: knowledgeBase)
                if let domainReport { evidence.observations.append(domainReport.observation()) }
                var probes: [ProbeReport] = []
                if let host = connection.host, let report = PortSweep.best(of: try await connection.run(host: host)) {
                    evidence.observations.append(report.observation())
                    probes.append(report)
                }
                let engine = InferenceEngine(knowledgeBase: knowledgeBase, threshold: output.minConfidence)
                let result = engine.diagnose(evidence)
                var document = SupportReport(
                    environment: .current(toolVersion: ToolVersion.current, knowledgeBase: knowledgeBase),
                    connection: connection.host.map { connection.reportConnection(host: $0) }, errors: texts,
                    provider: given.resolvedProvider, symptoms: given.symptoms, result: result,
                    probes: probes.map {
                        ProbeOutcome(
                            report: $0, explanation: ProbeExplanation(report: $0, engine: engine), result: result)
                    }, domainCheck: domainReport)
                document.commandValues = commandValues
                var report = DiagnosisReport(document: document, knowledgeBase: knowledgeBase)
                report.explain = explain
                try await output.emit(report)
                if !result.isRecognised { throw ExitStatus.notRecognised.code }
            }
        }
    }
}

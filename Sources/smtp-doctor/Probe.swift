import ArgumentParser
import SMTPDoctorCore
import SMTPDoctorProbes
import SMTPDoctorReports

extension SMTPDoctor {
    /// `smtp-doctor probe`: tests a live SMTP server and says what it does.
    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "probe",
            abstract: "Test a live SMTP server: connect, greeting, EHLO, TLS, AUTH and relay.",
            discussion: """
                Runs each step with its own timeout and prints a verdict — Success, Connection Failed, Timeout, \
                TLS Error, Authentication Failed, Relay Denied or Rejected — with the latency of every step, a \
                transcript (credentials are always shown as <redacted>) and the most likely cause.

                The password or token comes from --password-env or --password-file, or from a prompt that does \
                not echo when standard input is a terminal. Credentials are never sent before TLS unless \
                --allow-plaintext-auth is given.

                With --tls auto, a port that sends no plaintext greeting within 3 seconds is tried with implicit \
                TLS, and the output says so. A certificate that does not verify stops the probe before AUTH \
                (unless --allow-untrusted-certificate), but not the relay test of --from/--to without credentials.

                EXAMPLES:
                  smtp-doctor probe --host smtp.office365.com --user app@contoso.com
                  smtp-doctor probe --host mail.example.com --port 465 --tls implicit
                  smtp-doctor probe --host mail.example.com --port auto
                  smtp-doctor probe --host example.com --from a@example.com --to b@example.net
                  smtp-doctor probe --host mail.example.com --port 465 -o probe.html

                EXIT CODES:
                \(ExitStatus.table(ExitStatus.probing, success: "probe: Success"))
                """)

        @OptionGroup var connection: ConnectionOptions

        @OptionGroup var output: OutputOptions<SupportDocuments>

        @Flag(help: "Leave the transcript out of the text output (--brief does too).")
        var noTranscript = false

        @OptionGroup var knowledge: KnowledgeOptions

        func validate() throws {
            guard connection.host != nil else { throw ValidationError("Give the server with --host HOST.") }
            if output.maxSteps != nil {
                throw ValidationError(
                    "--max-steps shortens a checklist; the probe's text has none (--brief shortens it).")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let reports = try await connection.run(host: connection.host ?? "")
                // The rules say why each probe ended as it did; only a failure is diagnosed.
                let knowledgeBase = try knowledge.load()
                let engine = InferenceEngine(knowledgeBase: knowledgeBase, threshold: output.minConfidence)
                let outcomes = reports.map { report in
                    let explanation = ProbeExplanation(report: report, engine: engine)
                    guard report.verdict != .success else {
                        return ProbeOutcome(report: report, explanation: explanation)
                    }
                    return ProbeOutcome(
                        report: report, explanation: explanation,
                        result: engine.diagnose(Evidence(observations: [report.observation()])))
                }
                let best = PortSweep.bestIndex(of: reports).map { outcomes[$0] }
                let status = ExitStatus(verdict: best?.verdict ?? .connectionFailed)
                let document = SupportReport(
                    environment: .current(toolVersion: ToolVersion.current, knowledgeBase: knowledgeBase),
                    connection: connection.reportConnection(host: connection.host ?? ""),
                    result: best?.result ?? InferenceEngine(knowledgeBase: knowledgeBase).diagnose(Evidence()),
                    probes: outcomes)
                try await output.emit(
                    ProbeRunReport(
                        outcomes: outcomes, exitCode: status.rawValue, document: output.isDocument ? document : nil,
                        transcript: !noTranscript, toolVersion: ToolVersion.current))
                if status != .success { throw status.code }
            }
        }
    }
}

extension ExitStatus {
    /// The exit status of a probe verdict.
    init(verdict: ProbeVerdict) {
        switch verdict {
        case .success: self = .success
        case .connectionFailed: self = .probeConnectionFailed
        case .timeout: self = .probeTimeout
        case .tlsError: self = .probeTLSError
        case .authenticationFailed: self = .probeAuthenticationFailed
        case .relayDenied: self = .probeRelayDenied
        case .rejected: self = .probeRejected
        }
    }
}

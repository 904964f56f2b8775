import ArgumentParser
import Foundation
import SMTPDoctorCore
import SMTPDoctorReports

extension SMTPDoctor {
    /// `smtp-doctor analyze PATH...`: diagnoses every delivery failure in logs and bounce messages.
    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "analyze",
            abstract: "Diagnose every delivery failure in mail logs and bounce messages.",
            discussion: """
                Reads Postfix and Sendmail syslog files, Exim main logs, Exchange SmtpSend/SmtpReceive protocol \
                logs, Exchange message-tracking logs, Exchange Online message-trace CSV exports, bounce messages \
                (.eml files, Maildir and other folders, mbox), gzip-compressed or not. The format of each input is \
                recognised from its content. Failures are grouped by diagnosis with counts by category, recipient \
                domain, relay and hour, sample lines, and a checklist per group.

                Malformed lines, invalid UTF-8, absurdly long lines and truncated files are counted and reported, \
                never fatal. A progress bar is drawn on standard error when it is a terminal.

                EXAMPLES:
                  smtp-doctor analyze /var/log/mail.log /var/log/mail.log.1.gz
                  smtp-doctor analyze SmtpSend/*.LOG MSGTRK*.LOG --format json
                  smtp-doctor analyze /var/log/mail.log -o week-42.html
                  smtp-doctor analyze ~/Maildir/.Bounces
                  tail -F /var/log/mail.log | smtp-doctor analyze --jsonl -

                EXIT CODES:
                \(ExitStatus.table(ExitStatus.common, success: "the inputs were analysed"))
                """)

        @Argument(help: ArgumentHelp("Files, folders, or '-' for standard input.", valueName: "path"))
        var paths: [String] = []

        @OptionGroup var output: OutputOptions<AnalysisDocuments>

        @Flag(help: "Write one JSON line per failure as it is read (for log pipelines) instead of a summary.")
        var jsonl = false

        @Option(help: ArgumentHelp("Sample lines kept per group.", valueName: "n"))
        var samples = 3

        @Option(help: ArgumentHelp("How many groups, domains and relays to list.", valueName: "n"))
        var top = 10

        @Flag(name: .customLong("no-progress"), help: "Never draw the progress bar.")
        var noProgress = false

        @OptionGroup var knowledge: KnowledgeOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("Give at least one file or folder, or '-'.") }
            if output.brief || output.maxSteps != nil {
                throw ValidationError("--brief and --max-steps shorten a diagnosis; analyze lists groups (see --top).")
            }
            guard samples >= 0, top > 0 else { throw ValidationError("--samples and --top take positive numbers.") }
        }

        func run() async throws {
            try await reportingFailures {
                let knowledgeBase = try knowledge.load()
                let engine = InferenceEngine(knowledgeBase: knowledgeBase, threshold: output.minConfidence)
                // The inputs are sized (every folder listed once more) only for a bar that is drawn.
                let drawsProgress = !noProgress && !jsonl && Terminal.isStandardErrorATerminal
                let progress = ProgressBar(totalBytes: drawsProgress ? totalBytes() : nil, enabled: drawsProgress)
                let line = FailureEventJSONLine()
                var writeFailure: (any Error)?
                let analysis = LogAnalyzer(engine: engine, sampleLimit: samples).run(
                    paths, progress: progress.update,
                    onEvent: { event, diagnosis in
                        guard jsonl, writeFailure == nil else { return }
                        do { try Terminal.write(try line.render(event, diagnosis)) } catch { writeFailure = error }
                    })
                if let writeFailure { throw writeFailure }
                progress.finish()
                let statistics = analysis.statistics
                if jsonl {
                    if statistics.hasProblems { Terminal.writeError(problems(statistics)) }
                } else {
                    let document = AnalysisDocument(
                        analysis: analysis,
                        environment: .current(toolVersion: ToolVersion.current, knowledgeBase: knowledgeBase), top: top)
                    try await output.emit(AnalysisReport(document: document, knowledgeBase: knowledgeBase))
                }
                if statistics.hasUnreadableInputs {
                    let count = statistics.unreadableInputs.count
                    throw CommandFailure(
                        "\(count) input(s) could not be read: "
                            + statistics.unreadableInputs.prefix(3).joined(separator: "; ")
                            + (count > 3 ? "; …" : ""), status: .unreadableInput)
                }
            }
        }

        /// The total size of the inputs, for the progress bar; nil when standard input is among them.
        private func totalBytes() -> Int? {
            guard !paths.contains("-") else { return nil }
            return paths.reduce(0) { total, path in
                let files = LogReader.files(in: path)
                let list = files.isEmpty ? [path] : files
                return total
                    + list.reduce(0) { sum, file in
                        sum + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
                    }
            }
        }

        private func problems(_ statistics: InputStatistics) -> String {
            "smtp-doctor: input problems: \(statistics.malformedLines) malformed, \(statistics.invalidUTF8) invalid UTF-8, "
                + "\(statistics.overlongLines) overlong, \(statistics.truncatedInputs) truncated, "
                + "\(statistics.unrecognisedInputs.count) unrecognised, \(statistics.unreadableInputs.count) unreadable, "
                + "\(statistics.emptyInputs.count) empty\n"
        }
    }
}

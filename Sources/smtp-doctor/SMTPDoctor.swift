import ArgumentParser

/// smtp-doctor: finds out why email is not being delivered and says what to do about it.
@main
struct SMTPDoctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smtp-doctor",
        abstract: "Find out why email is not being delivered, and what to do about it.",
        discussion: """
            smtp-doctor is an offline expert system for SMTP delivery problems. Paste the error you see and it \
            ranks the likely causes, explains why, and gives a checklist of fixes.

            EXAMPLES:
              smtp-doctor diagnose --error "535 5.7.8 Authentication credentials invalid"
              smtp-doctor diagnose --error - < bounce.txt --format json
              smtp-doctor analyze /var/log/mail.log
              smtp-doctor rules list --category auth

            EXIT CODES:
            \(ExitStatus.table)
            """,
        version: ToolVersion.current,
        subcommands: [
            Diagnose.self, Interview.self, Probe.self, Report.self, Analyze.self, CheckDomain.self, Serve.self,
            Rules.self,
        ]
    )

    /// Runs the command line: `--version` and the common `diagnose` lines as `QuickCommandLine` reads them, which
    /// spares them the start-up cost of ArgumentParser's reflection, and everything else through ArgumentParser.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch QuickCommandLine.request(arguments) {
        case .version?:
            print(configuration.version)
        case .diagnose(let command)?:
            do {
                try await command.run()
            } catch {
                exit(withError: error)
            }
        case nil:
            await main(arguments)
        }
    }
}

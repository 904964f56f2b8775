import ArgumentParser
import Foundation
import Logging
import SMTPDoctorProbes
import SMTPDoctorServe

extension SMTPDoctor {
    /// `smtp-doctor serve`: the SMTP test page and the JSON API in a browser.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the SMTP test page and the JSON API: paste an error, test a server, analyse a log.",
            discussion: """
                Listens on 127.0.0.1:8025 by default, so only this machine reaches it. Any other --listen address \
                needs sign-in: an access token (--access-token-file, or SMTP_DOCTOR_SERVE_TOKEN in the environment) \
                or a user and password (--user with --password-file, or SMTP_DOCTOR_SERVE_PASSWORD); browsers send \
                either through HTTP Basic authentication, API clients may send the token as a Bearer token. On such \
                a listener, probes to loopback, link-local and private addresses are refused unless \
                --allow-private-targets is given.

                Passwords typed into the page are used for one test and never stored, logged or shown. Each \
                request is written to standard error as one access-log line. SIGTERM or Ctrl-C stops the server \
                after the requests in progress.

                EXAMPLES:
                  smtp-doctor serve --open
                  SMTP_DOCTOR_SERVE_TOKEN=$(cat token) smtp-doctor serve --listen 0.0.0.0:8025
                  curl -s localhost:8025/api/diagnose -H 'content-type: application/json' \\
                    -d '{"errors": ["535 5.7.8 Authentication credentials invalid"]}'

                EXIT CODES:
                \(ExitStatus.table)
                """)

        @Option(help: ArgumentHelp("The address and port to listen on.", valueName: "host:port"))
        var listen = "127.0.0.1:8025"

        @Flag(help: "Open the page in the default browser once the server runs.")
        var open = false

        @Option(help: ArgumentHelp("Read the access token from the first line of this file.", valueName: "path"))
        var accessTokenFile: String?

        @Option(
            help: ArgumentHelp("The user name to sign in with (the password from --password-file).", valueName: "name"))
        var user: String?

        @Option(help: ArgumentHelp("Read the sign-in password from the first line of this file.", valueName: "path"))
        var passwordFile: String?

        @Flag(help: "Let probes reach loopback, link-local and private addresses from a non-loopback listener.")
        var allowPrivateTargets = false

        @Option(help: ArgumentHelp("Probes each client may start per minute.", valueName: "n"))
        var probesPerMinute = 10

        @Option(help: ArgumentHelp("The largest log or bounce upload, in MiB.", valueName: "n"))
        var maxUploadMib = 32

        @Option(
            help: ArgumentHelp(
                "The DNS server check-domain asks instead of those in /etc/resolv.conf.", valueName: "host[:port]"))
        var dnsServer: String?

        @OptionGroup var knowledge: KnowledgeOptions

        /// The parsed `--listen` address.
        private func listenAddress() throws -> ListenAddress {
            guard let address = ListenAddress(listen) else {
                throw ValidationError("--listen takes HOST:PORT, such as 127.0.0.1:8025 or [::1]:8025.")
            }
            return address
        }

        func validate() throws {
            _ = try listenAddress()
            if accessTokenFile != nil, user != nil {
                throw ValidationError("Give --access-token-file or --user, not both.")
            }
            if passwordFile != nil, user == nil { throw ValidationError("--password-file needs --user.") }
            guard probesPerMinute > 0, (1...4096).contains(maxUploadMib) else {
                throw ValidationError("--probes-per-minute must be positive and --max-upload-mib from 1 to 4096.")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let knowledgeBase = try knowledge.load()
                let (user, passwordFile, accessTokenFile) = (user, passwordFile, accessTokenFile)
                let access = try await BlockingWork.run {
                    try Self.access(user: user, passwordFile: passwordFile, accessTokenFile: accessTokenFile)
                }
                let settings = ServeSettings(
                    listen: try listenAddress(), access: access,
                    allowPrivateTargets: allowPrivateTargets, probesPerWindow: probesPerMinute,
                    maximumUploadBytes: maxUploadMib << 20, dnsServer: dnsServer, toolVersion: ToolVersion.current,
                    probeExitCode: { ExitStatus(verdict: $0).rawValue })
                let logger = Logger(label: "smtp-doctor.serve") { StreamLogHandler.standardError(label: $0) }
                let openBrowser = open
                let host = settings.listen.host.contains(":") ? "[\(settings.listen.host)]" : settings.listen.host
                do {
                    try await ServeApplication.run(
                        settings: settings, knowledgeBase: knowledgeBase, logger: logger,
                        onRunning: { port in
                            let url = "http://\(host):\(port)/"
                            Terminal.writeError("smtp-doctor: serving on \(url)\n")
                            if openBrowser { BrowserOpener.open(url) }
                        })
                } catch let error as ServeSetupError {
                    throw CommandFailure(error.description, status: .usage)
                }
            }
        }

        /// The sign-in configured by a file or the environment, never by an argument; a file or a prompt is read
        /// here, so it runs off the cooperative pool.
        private static func access(
            user: String?, passwordFile: String?, accessTokenFile: String?
        ) throws -> AccessCredentials? {
            let environment = ProcessEnvironment.variables
            if let user {
                if let passwordFile {
                    return .user(
                        user, password: try SecretSource.read(environment: nil, file: passwordFile, promptFor: user))
                }
                guard let password = environment["SMTP_DOCTOR_SERVE_PASSWORD"], !password.isEmpty else {
                    throw CommandFailure(
                        "--user needs a password: give --password-file PATH or set SMTP_DOCTOR_SERVE_PASSWORD",
                        status: .usage)
                }
                return .user(user, password: Secret(password))
            }
            if let accessTokenFile {
                return .token(try SecretSource.read(environment: nil, file: accessTokenFile, promptFor: "the token"))
            }
            if let token = environment["SMTP_DOCTOR_SERVE_TOKEN"], !token.isEmpty { return .token(Secret(token)) }
            return nil
        }
    }
}

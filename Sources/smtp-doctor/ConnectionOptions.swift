import ArgumentParser
import Foundation
import SMTPDoctorProbes

extension TLSMode: ExpressibleByArgument {}

/// The SASL mechanisms as command-line values.
enum AuthMechanismChoice: String, ExpressibleByArgument, CaseIterable {
    case plain, login, xoauth2

    var mechanism: AuthMechanism {
        switch self {
        case .plain: return .plain
        case .login: return .login
        case .xoauth2: return .xoauth2
        }
    }
}

/// A port number, or `auto` for 587, 465 and 25 at once.
enum PortChoice: ExpressibleByArgument, Equatable {
    case number(Int)
    case auto

    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let number = Int(argument), (1...65_535).contains(number) {
            self = .number(number)
        } else {
            return nil
        }
    }

    var defaultValueDescription: String {
        switch self {
        case .auto: return "auto"
        case .number(let number): return String(number)
        }
    }
}

/// The options that say which server to probe and how, shared by `probe` and `diagnose`.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SMTP server to probe.", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("The port, or 'auto' to probe 587, 465 and 25 at once.", valueName: "port|auto"))
    var port: PortChoice = ConnectionOptions.defaultPort

    @Option(help: "How to use TLS: auto is implicit TLS on 465 and STARTTLS when offered elsewhere.")
    var tls: TLSMode = ConnectionOptions.defaultTLS

    @Option(help: ArgumentHelp("The username to authenticate as.", valueName: "name"))
    var user: String?

    @Option(help: ArgumentHelp("Read the password or token from this environment variable.", valueName: "var"))
    var passwordEnv: String?

    @Option(
        help: ArgumentHelp(
            "Read the password or token from the first line of this file, without its line ending (LF or CR LF); a FIFO such as <(pass show smtp) works.",
            valueName: "path"))
    var passwordFile: String?

    @Option(help: .hidden)
    var password: String?

    @Option(help: "The SASL mechanism (default: the best the server offers of PLAIN and LOGIN).")
    var authMech: AuthMechanismChoice?

    @Option(help: ArgumentHelp("Envelope sender for the relay test (MAIL FROM).", valueName: "address"))
    var from: String?

    @Option(help: ArgumentHelp("Envelope recipient for the relay test (RCPT TO, then RSET).", valueName: "address"))
    var to: String?

    @Flag(help: "Send a short test message to --to instead of resetting after RCPT TO.")
    var sendTest = false

    @Flag(help: "Send credentials over an unencrypted connection. They can be read by anyone on the path.")
    var allowPlaintextAuth = false

    @Flag(help: "Go on to AUTH even when the certificate does not verify (the failure is still reported).")
    var allowUntrustedCertificate = false

    @Option(help: ArgumentHelp("Also trust the CA certificates in this PEM file.", valueName: "path"))
    var caFile: String?

    /// The longest `--timeout` and `--deadline` accepted: a day, far beyond any SMTP server's patience.
    static let maximumSeconds: Double = 86_400

    /// The values of `--port`, `--tls`, `--timeout`, `--deadline` and `--helo-name` when they are not given.
    static let defaultPort = PortChoice.number(587)
    static let defaultTLS = TLSMode.auto
    static let defaultTimeout: Double = 10
    static let defaultDeadline: Double = 60
    static let defaultHeloName = "smtp-doctor.localhost"

    @Option(help: ArgumentHelp("Seconds each step may take (more than 0, at most 86400).", valueName: "seconds"))
    var timeout: Double = ConnectionOptions.defaultTimeout

    @Option(help: ArgumentHelp("Seconds the whole probe may take (more than 0, at most 86400).", valueName: "seconds"))
    var deadline: Double = ConnectionOptions.defaultDeadline

    @Option(help: ArgumentHelp("The name to give in EHLO.", valueName: "name"))
    var heloName = ConnectionOptions.defaultHeloName

    func validate() throws {
        if password != nil {
            throw ValidationError(
                "--password is refused: a password on the command line is visible in the process list and the shell history. Use --password-env VAR, --password-file PATH, or leave both out to be prompted."
            )
        }
        if passwordEnv != nil, passwordFile != nil {
            throw ValidationError("Give --password-env or --password-file, not both.")
        }
        if (passwordEnv != nil || passwordFile != nil || authMech != nil), user == nil {
            throw ValidationError("--password-env, --password-file and --auth-mech need --user.")
        }
        if (from == nil) != (to == nil) { throw ValidationError("The relay test needs both --from and --to.") }
        if sendTest, to == nil { throw ValidationError("--send-test needs --from and --to.") }
        let seconds = 0...Self.maximumSeconds
        guard timeout > 0, deadline > 0, seconds.contains(timeout), seconds.contains(deadline) else {
            throw ValidationError(
                "--timeout and --deadline take a number of seconds greater than 0 and at most \(Int(Self.maximumSeconds))."
            )
        }
    }

    /// The probe configuration for one port; reads the secret (and may prompt for it).
    func configuration(host: String) throws -> ProbeConfiguration {
        var credentials: Credentials?
        if let user {
            let secret = try SecretSource.read(environment: passwordEnv, file: passwordFile, promptFor: user)
            credentials = Credentials(username: user, secret: secret, mechanism: authMech?.mechanism)
        }
        let trust = try TrustRoots.system(adding: caFile)
        let step = Duration.milliseconds(Int(timeout * 1000))
        let timeouts = ProbeTimeouts.uniform(step, overall: .milliseconds(Int(deadline * 1000)))
        let envelope = from.flatMap { from in to.map { Envelope(from: from, to: $0) } }
        let portNumber: Int
        if case .number(let number) = port { portNumber = number } else { portNumber = 587 }
        return ProbeConfiguration(
            host: host, port: portNumber, tlsMode: tls, credentials: credentials, envelope: envelope,
            sendTestMessage: sendTest, heloName: heloName, timeouts: timeouts, trust: trust,
            allowPlaintextAuth: allowPlaintextAuth, allowUntrustedCertificate: allowUntrustedCertificate)
    }

    /// Runs the probe (or the port sweep) against `--host`.
    func run(host: String) async throws -> [ProbeReport] {
        let options = self
        let configuration = try await BlockingWork.run { try options.configuration(host: host) }
        if port == .auto { return await PortSweep(configuration).run() }
        return [await SMTPProbe(configuration).run()]
    }
}

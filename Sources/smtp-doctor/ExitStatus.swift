import ArgumentParser

/// Every exit status the program uses, declared in one place and listed in `--help` and the README.
enum ExitStatus: Int32, CaseIterable {
    /// At least one diagnosis was found, or the command succeeded.
    case success = 0
    /// An unexpected failure, such as an output file that cannot be written.
    case failure = 1
    /// Nothing in the evidence was recognised well enough to name a diagnosis.
    case notRecognised = 3
    /// probe: the server could not be reached (name, TCP, or the connection dropped).
    case probeConnectionFailed = 10
    /// probe: a step did not finish in time.
    case probeTimeout = 11
    /// probe: STARTTLS, the TLS handshake or the certificate failed.
    case probeTLSError = 12
    /// probe: the server did not accept the credentials (or offered no usable AUTH).
    case probeAuthenticationFailed = 13
    /// probe: the server refused to relay for the envelope.
    case probeRelayDenied = 14
    /// probe: the server rejected the session or a command otherwise.
    case probeRejected = 15
    /// The command line was wrong.
    case usage = 64
    /// A knowledge-base folder has problems (`rules lint` found some).
    case invalidRules = 65
    /// An input file could not be read.
    case unreadableInput = 66

    var code: ExitCode { ExitCode(rawValue) }

    var meaning: String {
        switch self {
        case .success: return "success: a diagnosis was found, probe: Success, rules lint: no problems"
        case .failure: return "unexpected failure"
        case .notRecognised: return "nothing recognised: no diagnosis reached the threshold"
        case .usage: return "invalid command line"
        case .invalidRules: return "the knowledge base has problems (reported as file:line: message)"
        case .unreadableInput: return "an input file could not be read"
        case .probeConnectionFailed: return "probe: Connection Failed"
        case .probeTimeout: return "probe: Timeout"
        case .probeTLSError: return "probe: TLS Error"
        case .probeAuthenticationFailed: return "probe: Authentication Failed"
        case .probeRelayDenied: return "probe: Relay Denied"
        case .probeRejected: return "probe: Rejected"
        }
    }

    /// The statuses as an indented table for help texts.
    static var table: String { table(allCases) }

    /// Some statuses as an indented table for a command's help text.
    /// - Parameters:
    ///   - statuses: the statuses the command can end with.
    ///   - success: what status 0 means for the command.
    static func table(_ statuses: [ExitStatus], success: String? = nil) -> String {
        statuses.sorted { $0.rawValue < $1.rawValue }.map { status in
            let meaning = status == .success ? success ?? status.meaning : status.meaning
            return "  \(String(status.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0)) \(meaning)"
        }
        .joined(separator: "\n")
    }

    /// What every command can end with: success, an unexpected failure, a wrong command line, a broken knowledge
    /// base, an unreadable input.
    static let common: [ExitStatus] = [.success, .failure, .usage, .invalidRules, .unreadableInput]
    /// The statuses of a command that diagnoses (`diagnose`, `interview`, `report`).
    static let diagnosing: [ExitStatus] = common + [.notRecognised]
    /// The statuses of `probe`: one per verdict.
    static let probing: [ExitStatus] =
        common + [
            .probeConnectionFailed, .probeTimeout, .probeTLSError, .probeAuthenticationFailed, .probeRelayDenied,
            .probeRejected,
        ]
}

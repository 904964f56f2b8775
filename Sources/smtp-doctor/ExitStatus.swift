import ArgumentParser

/// Every exit status the program uses, declared in one place and listed in `--help` and the README.
enum ExitStatus: Int32, CaseIterable {
    /// At least one diagnosis was found, or the command succeeded.
    case success = 0
    /// An unexpected failure, such as an output file that cannot be written.
    case failure = 1
    /// Nothing in the evidence was recognised well enough to name a diagnosis.
    case notRecognised = 3
    /// The command line was wrong.
    case usage = 64
    /// A knowledge-base folder has problems (`rules lint` found some).
    case invalidRules = 65
    /// An input file could not be read.
    case unreadableInput = 66

    var code: ExitCode { ExitCode(rawValue) }

    var meaning: String {
        switch self {
        case .success: return "a diagnosis was found (rules lint: no problems)"
        case .failure: return "unexpected failure"
        case .notRecognised: return "nothing recognised: no diagnosis reached the threshold"
        case .usage: return "invalid command line"
        case .invalidRules: return "the knowledge base has problems (reported as file:line: message)"
        case .unreadableInput: return "an input file could not be read"
        }
    }

    /// The statuses as an indented table for help texts.
    static var table: String {
        allCases.map { "  \(String($0.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0)) \($0.meaning)" }
            .joined(separator: "\n")
    }
}

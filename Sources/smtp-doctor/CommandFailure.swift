import ArgumentParser
import Foundation

/// A failure to report on standard error before exiting with a declared status.
struct CommandFailure: Error {
    let message: String
    let status: ExitStatus

    init(_ message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }
}

extension CommandFailure {
    /// Prints the message and returns the exit code to throw.
    func report() -> ExitCode {
        Terminal.writeError("smtp-doctor: \(message)\n")
        return status.code
    }
}

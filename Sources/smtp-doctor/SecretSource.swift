import Foundation
import SMTPDoctorProbes

/// Where the password or token comes from: an environment variable, a file, or a prompt that does not echo.
///
/// Why not an argument: a value on the command line is visible to every user of the machine in the process list
/// and stays in the shell history.
enum SecretSource {
    /// Reads the secret from the first source given.
    /// - Throws: `CommandFailure` when the variable is unset, the file unreadable, or no source is possible.
    static func read(environment variable: String?, file path: String?, promptFor user: String) throws -> Secret {
        if let variable {
            guard let value = ProcessEnvironment.variables[variable], !value.isEmpty else {
                throw CommandFailure(
                    "the environment variable \(variable) (--password-env) is not set or empty", status: .usage)
            }
            return Secret(value)
        }
        if let path {
            let data = try passwordFileContents(path)
            guard let secret = Secret(passwordFile: data) else {
                throw CommandFailure("the first line of the password file \(path) is empty", status: .usage)
            }
            return secret
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure(
                "--user needs a password: give --password-env VAR or --password-file PATH (standard input is not a terminal, so there is no prompt)",
                status: .usage)
        }
        return Secret(try prompt("Password for \(user): "))
    }

    /// Reads the start of a password file, which may be a FIFO such as `<(pass show smtp)`.
    private static func passwordFileContents(_ path: String) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CommandFailure(
                "cannot read the password file \(path): \(SystemError.current)", status: .unreadableInput)
        }
        defer { close(descriptor) }
        do {
            return try FileDescriptorReader(descriptor: descriptor).read(limit: Secret.passwordFileLimit).data
        } catch {
            throw CommandFailure("cannot read the password file \(path): \(error)", status: .unreadableInput)
        }
    }

    /// Reads one line from the terminal with echo turned off, after showing `text` on standard error.
    /// - Throws: `CommandFailure` when the line is empty or the input ended.
    static func prompt(_ text: String) throws -> String {
        Terminal.writeError(text)
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            Terminal.writeError("\n")
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure("no password entered", status: .usage)
        }
        return line
    }
}

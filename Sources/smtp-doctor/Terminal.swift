import Foundation
import SMTPDoctorCore
import SMTPDoctorReports

/// What the program knows about where its output goes, and the one place it writes to it and reads its input.
enum Terminal {
    /// The most `--error -` reads from standard input; the help and a notice on standard error say so.
    static let standardInputLimit = 1 << 20

    /// Colour only on a terminal (or always, if configured so), and never when NO_COLOR is set (https://no-color.org).
    static func wantsColour(disabled: Bool) -> Bool {
        guard !disabled else { return false }
        let environment = ProcessEnvironment.variables
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        switch ConfigDefaults.shared.current.colour ?? .auto {
        case .never: return false
        case .always: return true
        case .auto: break
        }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// Writes text to standard output, with any control character but the colour codes shown visibly: the renderers
    /// already did so, this is the net under the rest (`rules show` of a rule file, for one).
    ///
    /// - Throws: `CommandFailure` when standard output is closed, full or otherwise refuses the text.
    static func write(_ text: String) throws {
        do {
            let safe = UntrustedText.terminal(text, keepingColours: true)
            try FileDescriptorWriter(descriptor: STDOUT_FILENO).write(safe)
        } catch {
            throw CommandFailure("cannot write to standard output: \(error)", status: .failure)
        }
    }

    /// Whether standard output is a terminal (the pager is used only then).
    static var isStandardOutputATerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Writes text through the pager `decision` names, as `write(_:)` would write it; when there is none or it cannot
    /// be started, straight to standard output.
    ///
    /// - Throws: `CommandFailure` when standard output refuses the text.
    static func page(_ text: String, with decision: PagerDecision) throws {
        let safe = UntrustedText.terminal(text, keepingColours: true)
        guard let command = decision.command,
            PagerProcess.run(command, environment: decision.pagerEnvironment, text: safe)
        else { return try write(text) }
    }

    /// Writes a message to standard error with its control characters shown visibly (file names and texts in it
    /// come from outside); a failure there has nowhere to be reported, so it is ignored.
    static func writeError(_ text: String) {
        writeErrorControl(UntrustedText.terminal(text, keepingColours: false))
    }

    /// Writes to standard error as it is: only for the program's own terminal controls (the progress bar).
    static func writeErrorControl(_ text: String) {
        try? FileDescriptorWriter(descriptor: STDERR_FILENO).write(text)
    }

    /// Whether standard error is a terminal (progress is drawn only then).
    static var isStandardErrorATerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Whether standard input is a terminal (a password can be read without echo only then).
    static var isStandardInputATerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Reads standard input, at most ``standardInputLimit`` bytes, and notes on standard error when it was cut.
    ///
    /// - Throws: `CommandFailure` when standard input is closed or is a folder.
    static func readStandardInput() throws -> String {
        let read: FileDescriptorReader.Result
        do {
            read = try FileDescriptorReader(descriptor: STDIN_FILENO).read(limit: standardInputLimit)
        } catch {
            throw CommandFailure(
                "cannot read standard input (--error -): \(error); pipe the error text in or give it as --error TEXT",
                status: .unreadableInput)
        }
        if read.isCut {
            writeError(
                "smtp-doctor: read the first \(byteCountText(standardInputLimit)) of standard input; the rest is ignored\n"
            )
        }
        return String(decoding: read.data, as: UTF8.self)
    }
}

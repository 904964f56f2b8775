import Foundation

/// What the program knows about where its output goes.
enum Terminal {
    /// Colour only on a terminal (or always, if configured so), and never when NO_COLOR is set (https://no-color.org).
    static func wantsColour(disabled: Bool) -> Bool {
        guard !disabled else { return false }
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        switch ConfigDefaults.shared.current.colour ?? .auto {
        case .never: return false
        case .always: return true
        case .auto: break
        }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// Writes text to standard output.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes text to standard error.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard error is a terminal (progress is drawn only then).
    static var isStandardErrorATerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Reads standard input, at most `limit` bytes.
    static func readStandardInput(limit: Int = 1 << 20) -> String {
        let data = FileHandle.standardInput.readData(ofLength: limit)
        return String(decoding: data, as: UTF8.self)
    }
}

import Foundation

/// Whether long output goes through a pager, and which one, decided as git decides it.
///
/// A pager is used only when standard output is a terminal, the output is for reading (text or Markdown, not JSON or
/// HTML), it is not written to a file, and `--no-pager` was not given. The pager is `$PAGER`, or else `less -FRX`,
/// which quits at once when the text fits on one screen, keeps the colours and leaves the text on the screen. A
/// `PAGER` that is empty or `cat` means no pager, and so does `TERM=dumb` when `PAGER` is not set.
public struct PagerDecision: Sendable, Equatable {
    /// The pager used when `PAGER` is not set.
    public static let defaultCommand = "less -FRX"

    /// Whether standard output is a terminal.
    public var standardOutputIsTerminal: Bool
    /// Whether `--no-pager` was given.
    public var disabled: Bool
    /// Whether the output goes to a file (`-o`) rather than standard output.
    public var writesFile: Bool
    /// Whether the output is for people to read (text, Markdown) rather than for programs or a browser.
    public var isForReading: Bool
    /// The program's environment.
    public var environment: [String: String]

    /// Creates the decision for one output.
    public init(
        standardOutputIsTerminal: Bool, disabled: Bool, writesFile: Bool, isForReading: Bool,
        environment: [String: String]
    ) {
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.disabled = disabled
        self.writesFile = writesFile
        self.isForReading = isForReading
        self.environment = environment
    }

    /// The shell command of the pager, or nil to write straight to standard output.
    public var command: String? {
        guard standardOutputIsTerminal, !disabled, !writesFile, isForReading else { return nil }
        guard let pager = environment["PAGER"] else {
            return environment["TERM"] == "dumb" ? nil : Self.defaultCommand
        }
        let trimmed = pager.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
    }

    /// The environment the pager runs in: `LESS=FRX` added when `LESS` is not set, as git does, so that a `less`
    /// named in `PAGER` behaves like the default one.
    public var pagerEnvironment: [String: String] {
        var pagerEnvironment = environment
        if pagerEnvironment["LESS"] == nil { pagerEnvironment["LESS"] = "FRX" }
        return pagerEnvironment
    }
}

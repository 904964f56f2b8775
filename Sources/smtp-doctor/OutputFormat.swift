import ArgumentParser

/// The formats a command can print.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// For people, in a terminal.
    case text
    /// The machine-readable contract.
    case json
}

import ArgumentParser

/// The formats the commands print.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// For people, in a terminal.
    case text
    /// The machine-readable contract.
    case json
    /// A support document in Markdown, for a ticket.
    case markdown
    /// A support document in one self-contained HTML file, to attach or print.
    case html

    /// The format a file name implies: `.html`, `.md`, `.json`; nil for anything else.
    init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") {
            self = .html
        } else if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") {
            self = .markdown
        } else if lowered.hasSuffix(".json") {
            self = .json
        } else {
            return nil
        }
    }
}

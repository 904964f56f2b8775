/// Where a fact came from, so that every conclusion can be traced back to what the user gave.
public struct FactSource: Sendable, Hashable {
    /// The kind of evidence that produced a fact.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Parsed from an error text the user pasted.
        case errorText = "error-text"
        /// Given as a command-line option, such as `--provider`.
        case option
        /// Set by a derivation rule of the knowledge base.
        case rule
        /// Observed by a live probe of a server.
        case probe
        /// Read from a log file or a bounce message.
        case log
        /// Given as an answer in the interview.
        case answer
        /// Looked up in DNS by a domain check.
        case dns
    }

    /// The kind of evidence.
    public var kind: Kind
    /// What identifies it within its kind: the rule id, the option name, the number of the pasted error.
    public var detail: String?

    /// Creates a source of the given kind.
    public init(_ kind: Kind, _ detail: String? = nil) {
        self.kind = kind
        self.detail = detail
    }

    /// The source as one word for machine-readable output: `error-text`, `option`, `rule:reply-class.permanent`.
    public var identifier: String {
        guard let detail, kind == .rule else { return kind.rawValue }
        return "\(kind.rawValue):\(detail)"
    }
}

// MARK: - CustomStringConvertible

extension FactSource: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .errorText: return detail.map { "pasted error \($0)" } ?? "pasted error"
        case .option: return detail.map { "option \($0)" } ?? "command-line option"
        case .rule: return detail.map { "rule \($0)" } ?? "rule"
        case .probe: return detail.map { "probe \($0)" } ?? "probe"
        case .log: return detail.map { "log \($0)" } ?? "log"
        case .answer: return detail.map { "answer to \($0)" } ?? "interview answer"
        case .dns: return detail.map { "DNS check of \($0)" } ?? "DNS check"
        }
    }
}

/// An MTA-STS policy file (RFC 8461 section 3.2): version, mode, max_age and the MX patterns, or what is wrong.
public struct MTASTSPolicy: Sendable, Hashable {
    /// What the policy asks senders to do.
    public enum Mode: String, Sendable, Hashable {
        /// Deliver only over TLS to a matching MX with a valid certificate.
        case enforce
        /// Report failures but deliver anyway.
        case testing
        /// No policy.
        case none
    }

    /// The mode, if the file states a valid one.
    public var mode: Mode?
    /// `max_age` in seconds, if valid.
    public var maxAge: Int?
    /// The `mx` patterns, such as `mail.example.com` or `*.example.net`.
    public var mxPatterns: [String]
    /// What makes the policy invalid, one sentence each; empty for a valid policy.
    public var problems: [String]

    /// The longest `max_age` RFC 8461 allows: 31557600 seconds (about a year).
    public static let maximumMaxAge = 31_557_600

    /// Reads a policy file's text.
    public init(parsing text: String) {
        var version: String?
        var mode: Mode?
        var maxAge: Int?
        var patterns: [String] = []
        var problems: [String] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace
            guard !line.isEmpty else { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append("the line '\(line.prefix(60))' is not 'key: value'")
                continue
            }
            let key = line[..<colon].trimmingWhitespace
            let value = line[line.index(after: colon)...].trimmingWhitespace
            switch key {
            case "version": version = value
            case "mode":
                mode = Mode(rawValue: value)
                if mode == nil { problems.append("mode '\(value.prefix(30))' is not enforce, testing or none") }
            case "max_age":
                maxAge = Int(value).flatMap { (0...Self.maximumMaxAge).contains($0) ? $0 : nil }
                if maxAge == nil {
                    problems.append(
                        "max_age '\(value.prefix(30))' is not a number of seconds up to \(Self.maximumMaxAge)")
                }
            case "mx": patterns.append(value.lowercased())
            default: continue  // Unknown keys are ignored (section 3.2).
            }
        }
        if version != "STSv1" { problems.append("the version line 'version: STSv1' is missing or wrong") }
        if mode == nil, !problems.contains(where: { $0.hasPrefix("mode") }) {
            problems.append("the mode line is missing")
        }
        if maxAge == nil, !problems.contains(where: { $0.hasPrefix("max_age") }) {
            problems.append("the max_age line is missing")
        }
        if mode != MTASTSPolicy.Mode.none, mode != nil, patterns.isEmpty {
            problems.append("no mx line names the domain's mail servers")
        }
        self.mode = mode
        self.maxAge = maxAge
        self.mxPatterns = patterns
        self.problems = problems
    }

    /// Whether an MX host matches one of the patterns: exactly, or `*.` standing for one leftmost label.
    public func allows(_ host: String) -> Bool {
        mxPatterns.contains { CertificateNames.matches($0, host) }
    }
}

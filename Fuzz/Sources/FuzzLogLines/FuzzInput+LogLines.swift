import FuzzSupport

@testable import SMTPDoctorCore

/// The line-based log formats that have a fuzz target each.
public enum FuzzedLogFormat: Sendable {
    /// Postfix, Sendmail and Exim lines in syslog.
    case syslog
    /// Exim's main log.
    case exim
    /// Exchange protocol and message-tracking logs, `#Fields:` headers included.
    case exchange
    /// Rows of a message-trace CSV export.
    case messageTrace
}

extension FuzzInput {
    /// Hands the lines, one at a time, to one parser of `format`, as `analyze` reads a log.
    public func feedLines(to format: FuzzedLogFormat) {
        switch format {
        case .syslog:
            var parser = SyslogLineParser(input: "fuzz")
            feedLines(to: &parser)
        case .exim:
            var parser = EximLogParser(input: "fuzz")
            feedLines(to: &parser)
        case .exchange:
            var parser = ExchangeLogParser(input: "fuzz")
            feedLines(to: &parser)
        case .messageTrace:
            var parser = MessageTraceParser(input: "fuzz")
            feedLines(to: &parser)
        }
    }

    private func feedLines(to parser: inout some LogLineParser) {
        forEachLine { line, number in
            if case .events(let events) = parser.parse(line, number: number) { _ = events.count }
        }
    }
}

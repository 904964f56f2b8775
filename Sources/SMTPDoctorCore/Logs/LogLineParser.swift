/// Turns the lines of one line-based log format into failure events, one line at a time.
///
/// A parser may keep state across lines (the `#Fields:` header of an Exchange log, the open SMTP sessions of a
/// protocol log), but never more than a bounded amount.
protocol LogLineParser {
    /// Reads one line.
    /// - Parameters:
    ///   - line: the bytes of the line without its ending; valid only during the call.
    ///   - number: the line number, from 1.
    /// - Returns: the events on the line, `.ignored` for lines that record no failure, `.malformed` for lines that
    ///   look like a failure record of the format but cannot be parsed.
    mutating func parse(_ line: UnsafeRawBufferPointer, number: Int) -> LineOutcome
}

/// What a parser made of one line.
enum LineOutcome {
    /// Not a failure record.
    case ignored
    /// A failure record that could not be parsed.
    case malformed
    /// One or more failure events.
    case events([FailureEvent])
    /// A message delivered to another server or accepted from a client: the other half of a failure rate.
    case delivered(TrafficSide)
}

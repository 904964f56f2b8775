/// What parsing one piece of a log file found: its events, each with what was prepared for it, and its counts.
/// Line numbers are relative to the piece until it is handed out.
struct ParsedPiece<Prepared: Sendable>: Sendable {
    /// The events, in the order of the piece's lines.
    var events: [(FailureEvent, Prepared)] = []
    /// The lines, problems, deliveries and events counted in the piece.
    var statistics = InputStatistics()
}

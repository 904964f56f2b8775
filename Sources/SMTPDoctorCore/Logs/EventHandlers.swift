/// What a `LogReader` does with each failure event: `prepare` where the event is parsed (on any thread, several
/// events at once), then `consume` with the result, in input order on the reading thread.
struct EventHandlers<Prepared: Sendable> {
    /// Receives each event and the number of the piece of input it comes from.
    let prepare: @Sendable (FailureEvent, Int) -> Prepared
    /// Receives each event and what `prepare` made of it.
    let consume: (FailureEvent, Prepared) -> Void

    /// Prepares and consumes an event read on the reading thread.
    func handle(_ event: FailureEvent, piece: Int) {
        consume(event, prepare(event, piece))
    }
}

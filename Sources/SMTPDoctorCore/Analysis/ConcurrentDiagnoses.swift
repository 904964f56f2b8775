import Synchronization

/// Diagnoses failure events on the threads that parse them, so that the engine's work for the first event of each
/// normalised failure text is spread over every core, while `EventDiagnoser` keeps deciding, in input order, which
/// event's diagnosis stands for each text.
///
/// An event's diagnosis is worked out only when no event of an earlier or the same piece of input with the same
/// cache key was diagnosed here; in a piece, only its first event of a key is. `EventDiagnoser` uses that diagnosis
/// when the event turns out to be the first of its key in input order, which is the one the sequential cache would
/// diagnose, so the results are those of reading in order. Memory is bounded as the cache's is.
final class ConcurrentDiagnoses: Sendable {
    /// An event's cache key, and its diagnosis when it was worked out.
    struct Prepared: Sendable {
        let key: String
        let diagnosis: EventDiagnosis?
    }

    private let diagnoser: EventDiagnoser
    /// The lowest piece in which each key was diagnosed.
    private let diagnosedIn = Mutex<[String: Int]>([:])

    /// Diagnoses with the engine of `diagnoser`.
    init(_ diagnoser: EventDiagnoser) {
        self.diagnoser = diagnoser
    }

    /// The cache key of an event of piece `piece`, and its diagnosis unless an event of an earlier or the same
    /// piece with that key was diagnosed already.
    func prepare(_ event: FailureEvent, piece: Int) -> Prepared {
        let key = diagnoser.cacheKey(for: event)
        let known = diagnosedIn.withLock { $0[key].map { $0 <= piece } ?? false }
        guard !known else { return Prepared(key: key, diagnosis: nil) }
        let diagnosis = diagnoser.uncachedDiagnosis(of: event)
        diagnosedIn.withLock { diagnosedIn in
            if diagnosedIn.count >= EventDiagnoser.maximumCacheEntries { diagnosedIn.removeAll(keepingCapacity: true) }
            diagnosedIn[key] = min(diagnosedIn[key] ?? piece, piece)
        }
        return Prepared(key: key, diagnosis: diagnosis)
    }
}

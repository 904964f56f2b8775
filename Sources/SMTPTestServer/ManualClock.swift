import NIOConcurrencyHelpers

/// A clock that moves only when a test advances it, so that a timeout is tested without waiting for it.
///
/// ```swift
/// let clock = ManualClock()
/// let lookup = Task { try await resolve(…, timeout: .seconds(5), clock: clock) }
/// await clock.waitForSleepers(1)      // the code under test is waiting for its deadline
/// clock.advance(by: .seconds(5))      // the deadline passes at once
/// ```
///
/// A sleep honours cancellation: it throws `CancellationError` as soon as its task is cancelled. So do the waits for
/// sleepers, which then return early.
public final class ManualClock: Clock, Sendable {
    /// A point in the clock's time: the duration since the clock was made.
    public struct Instant: InstantProtocol, Sendable {
        /// The time since the clock was made.
        public var offset: Duration

        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }

        /// The time from this instant to `other`.
        public func duration(to other: Instant) -> Duration { other.offset - offset }

        /// Whether `left` comes first.
        public static func < (left: Instant, right: Instant) -> Bool { left.offset < right.offset }
    }

    private struct Sleeper {
        var id: Int
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    /// A wait for sleepers: what it waits for, and how to wake it.
    private struct Watcher {
        var id: Int
        var isSatisfied: @Sendable (_ now: Instant, _ sleepers: [Instant]) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID = 0
        var sleepers: [Sleeper] = []
        var watchers: [Watcher] = []

        /// Removes and returns the watchers whose wait is over.
        mutating func takeWatchers() -> [CheckedContinuation<Void, Never>] {
            let deadlines = sleepers.map(\.deadline)
            let now = self.now
            let ready = watchers.filter { $0.isSatisfied(now, deadlines) }
            watchers.removeAll { $0.isSatisfied(now, deadlines) }
            return ready.map(\.continuation)
        }
    }

    private let state = NIOLockedValueBox(State())

    /// A clock at zero.
    public init() {}

    /// The current instant.
    public var now: Instant { state.withLockedValue { $0.now } }

    /// The smallest step the clock can take.
    public var minimumResolution: Duration { .zero }

    /// How many sleeps are waiting for the clock to move.
    public var sleeperCount: Int { state.withLockedValue { $0.sleepers.count } }

    /// Suspends until the clock is advanced to `deadline`, or throws `CancellationError` when the task is cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLockedValue { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (resume, watchers) = state.withLockedValue {
                    state -> (Result<Void, any Error>?, [CheckedContinuation<Void, Never>]) in
                    if Task.isCancelled { return (.failure(CancellationError()), []) }
                    if deadline <= state.now { return (.success(()), []) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return (nil, state.takeWatchers())
                }
                if let resume { continuation.resume(with: resume) }
                for watcher in watchers { watcher.resume() }
            }
        } onCancel: {
            let sleeper = state.withLockedValue { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and wakes every sleep whose deadline has come.
    public func advance(by duration: Duration) {
        let (due, watchers) = state.withLockedValue { state -> ([Sleeper], [CheckedContinuation<Void, Never>]) in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return (due, state.takeWatchers())
        }
        for sleeper in due { sleeper.continuation.resume() }
        for watcher in watchers { watcher.resume() }
    }

    /// Returns once at least `count` sleeps are waiting, so that a test advances the clock only after the code under
    /// test has started to wait; or when the task is cancelled.
    public func waitForSleepers(_ count: Int) async {
        await waitUntil { _, sleepers in sleepers.count >= count }
    }

    /// Returns once a sleep is waiting that ends within `duration` of now, or when the task is cancelled; for a test
    /// in which several waits overlap and only the one with the shortest timeout is to run out.
    public func waitForSleeper(endingWithin duration: Duration) async {
        await waitUntil { now, sleepers in sleepers.contains { $0 <= now.advanced(by: duration) } }
    }

    private func waitUntil(_ isSatisfied: @escaping @Sendable (Instant, [Instant]) -> Bool) async {
        let id = state.withLockedValue { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLockedValue { state -> Bool in
                    if Task.isCancelled || isSatisfied(state.now, state.sleepers.map(\.deadline)) { return true }
                    state.watchers.append(Watcher(id: id, isSatisfied: isSatisfied, continuation: continuation))
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let watcher = state.withLockedValue { state -> Watcher? in
                guard let index = state.watchers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.watchers.remove(at: index)
            }
            watcher?.continuation.resume()
        }
    }
}

/// Counts the probes each client started in a sliding window and refuses more than the allowance.
///
/// The clock is injected (time since an arbitrary origin) so that tests move it instead of sleeping.
public actor ProbeRateLimiter {
    private let allowance: Int
    private let window: Duration
    private let now: @Sendable () -> Duration
    private var started: [String: [Duration]] = [:]
    /// Clients remembered at most; the least recently seen are forgotten first when more arrive.
    private let clientLimit = 10_000

    init(allowance: Int, window: Duration, now: @escaping @Sendable () -> Duration) {
        self.allowance = allowance
        self.window = window
        self.now = now
    }

    /// Records a probe for `client` when it is within the allowance.
    ///
    /// - Returns: true when the probe may start.
    func admit(_ client: String) -> Bool {
        let time = now()
        var times = (started[client] ?? []).filter { time - $0 < window }
        guard times.count < allowance else {
            started[client] = times
            return false
        }
        times.append(time)
        started[client] = times
        if started.count > clientLimit {
            started = started.filter { _, times in times.contains { time - $0 < window } }
        }
        return true
    }

    /// A clock that counts from the moment it is made.
    public static func continuousClock() -> @Sendable () -> Duration {
        let origin = ContinuousClock.now
        return { ContinuousClock.now - origin }
    }
}

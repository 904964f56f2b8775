import NIOConcurrencyHelpers
import SMTPDoctorProbes
import SMTPTestServer

/// What a test sees of a probe running on a manual clock, so that it moves the clock at the right moment: the steps
/// completed so far, whether the server's bytes have come, and the waits of the probe on the clock.
///
/// Each wait returns early when the test's task is cancelled (the probe ended first), and then the clock stays.
struct ProbeProgress: Sendable {
    private struct State {
        var steps: [ProbeStep] = []
        var bytesReceived = 0
    }

    let clock: ManualClock
    /// The server the probe talks to.
    let server: SMTPTestServer
    private let state = NIOLockedValueBox(State())
    private let changes: AsyncStream<Void>
    private let change: AsyncStream<Void>.Continuation

    init(clock: ManualClock, server: SMTPTestServer) {
        self.clock = clock
        self.server = server
        (changes, change) = AsyncStream.makeStream(of: Void.self)
    }

    /// Called by the probe with each step it completes.
    func completed(_ step: ProbeStep) {
        state.withLockedValue { $0.steps.append(step) }
        change.yield()
    }

    /// Called by the probe each time a connection receives bytes from the server.
    func received(_ count: Int) {
        state.withLockedValue { $0.bytesReceived += count }
        change.yield()
    }

    /// Called when the probe has ended.
    func finish() {
        change.finish()
    }

    /// Returns once `ready` holds for the steps completed so far.
    func waitForSteps(where ready: ([ProbeStep]) -> Bool) async {
        await waitUntil { ready($0.steps) }
    }

    /// Returns once the probe has received at least `count` bytes from the server, on all its connections together.
    func waitForBytes(_ count: Int) async {
        await waitUntil { $0.bytesReceived >= count }
    }

    /// Once the probe waits for something that runs out within `duration`, moves the clock by `duration`.
    func advance(by duration: Duration) async {
        await clock.waitForSleeper(endingWithin: duration)
        guard !Task.isCancelled else { return }
        clock.advance(by: duration)
    }

    private func waitUntil(_ isSatisfied: (State) -> Bool) async {
        if state.withLockedValue({ isSatisfied($0) }) { return }
        for await _ in changes where state.withLockedValue({ isSatisfied($0) }) { return }
    }
}
